"""/feedback through signed requests: logging, following up, and who hears about it."""

from __future__ import annotations

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from storage.models import FeedbackEvent, FeedbackItem, OutboxMessage
from tests.support.driver import visible_text
from tests.support.feedback_data import T0, dms, items, member, say, trade_desk


@pytest.fixture
def desk(slack):
    trade_desk(slack.core)
    return slack


def test_logging_feedback_replies_and_dms_the_customers_owner_once(desk, fake_slack):
    with freeze_time(T0):
        reply = say(
            desk, 'add "ACME Trading" cartons arrived crushed order PO-1 category packaging'
        )
    assert "Logged feedback #1 from ACME Trading" in reply
    assert "<@UOWNER>" in reply
    assert "2026-12-02 10:00" in reply  # normal: first response within 24h, Shanghai time
    [item] = items(desk)
    assert (item.category, item.severity, item.status) == ("packaging", "normal", "open")
    [dm] = dms(desk, "UOWNER")
    assert "assigned you feedback #1 from ACME Trading" in dm
    assert "cartons arrived crushed" in dm
    assert desk.sent_messages("CMANAGERS") == []
    assert len(desk.sent_messages()) == 1


def test_critical_feedback_goes_to_the_managers_channel_at_once_and_only_once(desk):
    say(desk, "add acme trading customs held the container severity critical order PO-1")
    [post] = desk.sent_messages("CMANAGERS")
    text = visible_text(post)
    assert "Critical feedback #1 from ACME Trading, logged by <@U1>" in text
    assert "customs held the container" in text
    for level in ("high", "normal", "critical"):
        assert "#1 is now" in say(desk, f"severity 1 {level}", user="UCS")
    assert desk.sent_messages("CMANAGERS") == [post]


def test_an_item_raised_to_high_is_posted_to_managers_then_and_never_again(desk):
    say(desk, "add ACME Trading labels smudged")
    assert desk.sent_messages("CMANAGERS") == []
    say(desk, "severity 1 high", user="UCS")
    say(desk, "severity 1 critical", user="UCS")
    [post] = desk.sent_messages("CMANAGERS")
    assert "High feedback #1 from ACME Trading, logged by <@U1>" in visible_text(post)


def test_the_reporter_who_owns_the_customer_gets_no_dm_about_their_own_item(desk):
    say(desk, "add ACME Trading wants a new quote", user="UOWNER")
    assert items(desk)[0].assignee_id == "UOWNER"
    assert desk.sent_messages() == []


def test_chinese_severity_and_category_words_work(desk):
    reply = say(desk, "add ACME Trading 纸箱破损 severity 严重 category 包装")
    assert "Packaging" in reply
    assert (items(desk)[0].severity, items(desk)[0].category) == ("critical", "packaging")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("add Globx cartons crushed", "I don't know a customer called “Globx”"),
        ('add "Zhejiang Pumps" seals leak', "add it with `/order new NUMBER customer NAME`"),
        ("add ACME Trading cartons crushed order PO-404", "I don't know an order numbered PO-404"),
        ("add ACME Trading cartons crushed order PO-2", "Order PO-2 belongs to Globex Corp"),
        ("add ACME Trading cartons crushed category weather", "`weather` is not a category"),
        ("add ACME Trading cartons crushed severity extreme", "`extreme` is not a severity"),
        ("add ACME Trading", "The feedback text is empty"),
        ('add "ACME Trading"  severity high', "The feedback text is empty"),
    ],
)
def test_bad_input_is_refused_with_the_usage_and_changes_nothing(desk, text, message):
    reply = say(desk, text)
    assert message in reply
    assert "Usage:" in reply
    assert "/feedback add CUSTOMER TEXT" in reply
    assert items(desk) == []
    assert desk.sent_messages() == []


def test_an_unknown_customer_suggests_close_matches(desk):
    reply = say(desk, "add Globx the labels are wrong")
    assert "Did you mean Globex Corp?" in reply


@pytest.mark.parametrize(
    "text", ["add Nobody cartons crushed", "list customer Nobody", "customer Nobody"]
)
def test_an_unknown_customer_is_refused_saying_how_customers_come_in(desk, text):
    with desk.core.write() as unit:
        member(unit, "UZH", locale="zh-CN")
    english, chinese = say(desk, text), say(desk, text, user="UZH")
    assert "I don't know a customer called “Nobody”" in english
    assert (
        "Customers come in with their first order: add it with `/order new NUMBER customer NAME`"
        in english
    )
    assert "我不认识名为“Nobody”的客户" in chinese
    assert "请先用 `/order new 订单号 customer 客户名` 新建订单" in chinese
    assert items(desk) == []


def test_assigning_dms_the_new_assignee_but_not_someone_who_takes_it_themselves(desk):
    say(desk, "add ACME Trading invoice shows the wrong amount")
    assert "now assigned to <@UCS>" in say(desk, "assign 1 <@UCS|cs>", user="UMGR")
    assert "assigned you feedback #1" in dms(desk, "UCS")[0]
    say(desk, "assign 1 <@UMGR|boss>", user="UMGR")
    assert dms(desk, "UMGR") == []
    assert len(dms(desk, "UCS")) == 1


def test_someone_not_involved_cannot_change_an_item_and_nothing_changes(desk):
    say(desk, "add ACME Trading invoice shows the wrong amount")
    for text in ("assign 1 <@UOTHER|me>", "start 1", "resolve 1 fixed it", "severity 1 low"):
        reply = say(desk, text, user="UOTHER")
        assert "Only the assignee of #1" in reply
    [item] = items(desk)
    assert (item.assignee_id, item.status, item.severity) == ("UOWNER", "open", "normal")


def test_reopening_tells_the_assignee(desk):
    say(desk, "add ACME Trading wrong colour", user="UCS")
    say(desk, "resolve 1 remade in blue", user="UCS")
    assert "#1 is open again" in say(desk, "reopen 1 still green", user="UCS")
    [_assigned, reopened] = dms(desk, "UOWNER")
    assert "reopened feedback #1" in reopened
    assert "still green" in say(desk, "show 1")


def test_a_chinese_speaking_member_reads_feedback_in_chinese(desk):
    with desk.core.write() as unit:
        member(unit, "UZH", role="customer_service", locale="zh-CN")
    reply = say(desk, "add ACME Trading 纸箱破损 severity 高", user="UZH")
    assert "已记录来自 ACME Trading 的反馈 #1" in reply
    refused = say(desk, "resolve 1", user="UZH")
    assert "请说明是如何解决的" in refused
    assert "用法" in refused


def test_help_lists_every_subcommand(desk):
    text = say(desk, "help")
    for usage in (
        "/feedback add",
        "/feedback list",
        "/feedback show",
        "/feedback comment",
        "/feedback assign",
        "/feedback resolve",
        "/feedback reopen",
        "/feedback customer",
    ):
        assert usage in text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("resolve 1", "Say how it was resolved"),
        ("resolve 1    ", "Say how it was resolved"),
        ("severity 1 extreme", "`extreme` is not a severity"),
        ("severity 1", "Say which severity #1 should have: critical, high, normal, low"),
        ("assign 1", "Say who should take #1"),
        ("assign 1 nobody-here", "`nobody-here` is not a person I know"),
        ("comment 1", "The comment is empty"),
        ("reopen 1", "#1 is not resolved"),
        ("start 2", "There is no feedback #2"),
        ("show one", "`one` is not a feedback number"),
    ],
)
def test_a_refused_change_says_why_and_leaves_everything_as_it_was(desk, text, message):
    say(desk, "add ACME Trading pallets were wet")
    before = snapshot(desk)
    reply = say(desk, text, user="UOWNER")
    assert message in reply
    assert "Usage: `/feedback" in reply
    assert snapshot(desk) == before


def snapshot(slack):
    """Everything a refused change must leave alone."""
    with slack.core.write() as unit:
        rows = unit.session.scalars(select(FeedbackItem)).all()
        item_state = [
            (i.status, i.severity, i.assignee_id, i.resolution, i.first_responded_at) for i in rows
        ]
        history = unit.session.scalars(select(FeedbackEvent.action)).all()
        outbox = unit.session.scalars(select(OutboxMessage.dedup_key)).all()
    return item_state, history, sorted(outbox)


def test_an_empty_feedback_list_says_what_it_is_empty_of(desk):
    with freeze_time(T0):
        say(desk, "add ACME Trading pallets were wet")
        mine = say(desk, "list mine", user="UCS")
        from_acme = say(desk, "list customer ACME")
        on_po1 = say(desk, "list order PO-1")
    assert "No open feedback is assigned to you." in mine
    assert "No feedback from ACME yet." in from_acme
    assert "No feedback on order PO-1 yet." in on_po1
