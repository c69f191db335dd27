"""The "Log feedback" modal: opened by a bare /feedback, checked on submit like the command."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot import customers
from storage.models import FeedbackItem
from tests.support.driver import visible_text
from tests.support.feedback_data import member, trade_desk


@pytest.fixture
def desk(slack):
    trade_desk(slack.core)
    return slack


def form(
    customer="ACME Trading",
    text="the cartons arrived crushed",
    order=None,
    category="packaging",
    severity="normal",
    assignee=None,
):
    """Slack's view.state.values for the modal, as filled in by a person."""

    def select(value):
        return {
            "type": "static_select",
            "selected_option": {"text": {"type": "plain_text", "text": value}, "value": value}
            if value
            else None,
        }

    def typed(value):
        return {"type": "plain_text_input", "value": value}

    return {
        "customer": {"value": select(customer)},
        "order": {"value": typed(order)},
        "category": {"value": select(category)},
        "severity": {"value": select(severity)},
        "assignee": {"value": {"type": "users_select", "selected_user": assignee}},
        "text": {"value": typed(text)},
    }


def items(slack):
    with slack.core.write() as unit:
        return unit.session.scalars(select(FeedbackItem)).all()


def test_a_bare_feedback_command_opens_the_form_with_customers_and_choices(desk, fake_slack):
    response = desk.command("/feedback", "", user="U1")
    assert response.status == 200
    view = fake_slack.last("views.open").params["view"]
    blocks = {block["block_id"]: block for block in view["blocks"]}
    assert list(blocks) == ["customer", "order", "category", "severity", "assignee", "text"]
    customers = [o["value"] for o in blocks["customer"]["element"]["options"]]
    assert customers == ["ACME", "ACME Trading", "Globex Corp"]
    assert "delivery_delay" in [o["value"] for o in blocks["category"]["element"]["options"]]
    assert blocks["severity"]["element"]["initial_option"]["value"] == "normal"
    assert blocks["order"]["optional"] is True
    assert blocks["text"]["element"]["multiline"] is True
    assert fake_slack.last("views.open").params["trigger_id"] == "tr1"


def test_feedback_add_alone_also_opens_the_form(desk, fake_slack):
    desk.command("/feedback", "add", user="U1")
    assert len(fake_slack.calls("views.open")) == 1


def test_with_no_customers_yet_the_form_is_not_opened_and_the_reason_is_given(slack, fake_slack):
    with slack.core.write() as unit:
        member(unit, "U1")  # known already, so the fake Slack's directory stays as it was
    text = slack.reply_text(slack.command("/feedback", "", user="U1"))
    assert "There are no customers yet" in text
    assert "`/order new NUMBER customer NAME`" in text
    assert fake_slack.calls("views.open") == []


def test_submitting_the_form_logs_the_item_and_tells_the_assignee(desk):
    values = form(order="po-1", severity="high", assignee="UCS")
    response = desk.submit("U1", "feedback_add", values)
    answer = response.json()
    assert answer["response_action"] == "update"
    assert "Logged feedback #1 from ACME Trading, assigned to <@UCS>" in visible_text(answer)
    [item] = items(desk)
    assert (item.assignee_id, item.severity, item.category) == ("UCS", "high", "packaging")
    assert item.order_id is not None
    assert len(desk.sent_messages("UCS")) == 1
    assert len(desk.sent_messages("CMANAGERS")) == 1


def test_with_no_assignee_chosen_the_customers_owner_gets_it(desk):
    desk.submit("U1", "feedback_add", form())
    assert items(desk)[0].assignee_id == "UOWNER"
    assert "assigned you feedback #1" in visible_text(desk.sent_messages("UOWNER")[0])


@pytest.mark.parametrize(
    ("changes", "block", "message"),
    [
        ({"order": "PO-404"}, "order", "I don't know an order numbered PO-404"),
        ({"order": "PO-2"}, "order", "Order PO-2 belongs to Globex Corp"),
        ({"text": "   "}, "text", "The feedback text is empty"),
        ({"customer": "Gone Ltd"}, "customer", "I don't know a customer called “Gone Ltd”"),
        ({"category": "weather"}, "category", "`weather` is not a category"),
    ],
)
def test_a_bad_field_is_shown_next_to_it_and_nothing_is_logged(desk, changes, block, message):
    response = desk.submit("U1", "feedback_add", form(**changes))
    answer = response.json()
    assert answer["response_action"] == "errors"
    assert list(answer["errors"]) == [block]
    assert message in answer["errors"][block]
    assert items(desk) == []
    assert desk.sent_messages() == []


def test_form_errors_are_in_the_submitters_language(desk):
    with desk.core.write() as unit:
        member(unit, "UZH", locale="zh-CN")
    answer = desk.submit("UZH", "feedback_add", form(order="PO-404")).json()
    assert answer["errors"]["order"] == "我不认识订单号 PO-404。"
    answer = desk.submit("UZH", "feedback_add", form(customer="Gone Ltd")).json()
    assert "`/order new 订单号 customer 客户名`" in answer["errors"]["customer"]


def test_an_unknown_customer_in_the_form_says_how_customers_come_in(desk):
    answer = desk.submit("U1", "feedback_add", form(customer="Gone Ltd")).json()
    assert "add it with `/order new NUMBER customer NAME`" in answer["errors"]["customer"]


def test_with_more_customers_than_a_select_holds_the_customer_is_typed(desk, fake_slack):
    with desk.core.write() as unit:
        for number in range(100):
            customers.find_or_create(unit, f"Buyer {number:03d}")
        buyer = customers.get(unit, "Buyer 042").id
    desk.command("/feedback", "", user="U1")
    view = fake_slack.last("views.open").params["view"]
    assert view["blocks"][0]["element"]["type"] == "plain_text_input"
    assert view["blocks"][0]["element"]["placeholder"]["text"] == "Type the customer's name"
    desk.submit(
        "U1",
        "feedback_add",
        {**form(), "customer": {"value": {"type": "plain_text_input", "value": "buyer 042"}}},
    )
    assert [item.customer_id for item in items(desk)] == [buyer]
