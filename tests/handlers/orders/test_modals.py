"""The "new order" form a bare `/order new` opens, submitted as Slack would send it."""

from __future__ import annotations

from freezegun import freeze_time

from bot import orders, team
from tests.support.orders_data import NOW


def test_a_bare_new_opens_a_form_and_submitting_it_creates_the_order(team_of_four):
    slack = team_of_four
    slack.fake.add_user("UNEW", name="chen", locale="zh-CN")  # never talked to the bot
    with freeze_time(NOW):
        slack.command("/order", "new", user="USALES")
        view = slack.fake.last("views.open").params["view"]
        assert view["callback_id"] == "orders.new"
        response = slack.submit(
            "USALES",
            "orders.new",
            {
                "number": {"value": {"type": "plain_text_input", "value": "1050"}},
                "customer": {"value": {"type": "plain_text_input", "value": "Delta Corp"}},
                "incoterm": {
                    "value": {"type": "static_select", "selected_option": {"value": "DAP"}}
                },
                "eta": {"value": {"type": "datepicker", "selected_date": "2027-02-01"}},
                "owner": {"value": {"type": "users_select", "selected_user": "UNEW"}},
            },
        )
    assert response.status == 200
    assert not response.text  # the form closes
    with slack.core.write() as unit:
        order = orders.get(unit, "1050")
        owner = team.find(unit, "UNEW")
    assert (order.customer_name, order.incoterm, str(order.eta), order.owner_id) == (
        "Delta Corp",
        "DAP",
        "2027-02-01",
        "UNEW",
    )
    assert owner is not None and owner.language == "zh"
    assert "Order 1050 · Delta Corp" in slack.sent_messages("USALES")[0]["text"]


def test_a_form_with_a_bad_container_shows_the_error_beside_the_field(team_of_four):
    slack = team_of_four
    with freeze_time(NOW):
        response = slack.submit(
            "USALES",
            "orders.new",
            {
                "number": {"value": {"type": "plain_text_input", "value": "1051"}},
                "customer": {"value": {"type": "plain_text_input", "value": "Delta Corp"}},
                "amount": {"value": {"type": "plain_text_input", "value": "lots"}},
            },
        )
    assert response.json()["response_action"] == "errors"
    assert "`lots` is not an amount" in response.json()["errors"]["amount"]
    with slack.core.write() as unit:
        assert orders.find_by_number(unit, "1051") is None
        assert team.find(unit, "USALES") is not None
