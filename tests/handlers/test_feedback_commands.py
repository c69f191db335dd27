"""/feedback through signed requests: logging, following up, and who hears about it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from bot import feedback
from storage.models import FeedbackItem
from tests.support.driver import visible_text
from tests.support.feedback_data import member, trade_desk

T0 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai


@pytest.fixture
def desk(slack):
    trade_desk(slack.core)
    return slack


def say(slack, text, user="U1"):
    return slack.reply_text(slack.command("/feedback", text, user=user))


def items(slack):
    with slack.core.unit() as unit:
        return unit.session.scalars(select(FeedbackItem).order_by(FeedbackItem.id)).all()


def dms(slack, user):
    return [visible_text(m) for m in slack.sent_messages(user)]


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
    say(desk, "show 1")
    [post] = desk.sent_messages("CMANAGERS")
    text = visible_text(post)
    assert "Critical feedback #1 from ACME Trading" in text
    assert "customs held the container" in text
    say(desk, "severity 1 high", user="UCS")
    say(desk, "severity 1 critical", user="UCS")  # back to a level already announced
    assert [visible_text(p).split(" feedback")[0] for p in desk.sent_messages("CMANAGERS")] == [
        ":red_circle: Critical",
        ":large_orange_circle: High",
    ]


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
    assert "Globex Corp" in reply


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


def test_times_to_first_response_and_resolution_are_shown(desk):
    with freeze_time(T0):
        say(desk, "add ACME Trading pallets were wet")
    with freeze_time(T0 + timedelta(hours=3, minutes=20)):
        say(desk, "comment 1 asked the forwarder for photos", user="UOWNER")
    with freeze_time(T0 + timedelta(days=2, hours=4)):
        assert "Say how it was resolved" in say(desk, "resolve 1", user="UOWNER")
        assert items(desk)[0].status == "in_progress"
        done = say(desk, "resolve 1 discount on the next order", user="UOWNER")
        shown = say(desk, "show 1")
    assert "#1 is resolved, 2d 4h after it was logged" in done
    assert "*Time to first response*\n3h 20m" in shown
    assert "*Time to resolution*\n2d 4h" in shown
    assert "discount on the next order" in shown
    assert "asked the forwarder for photos" in shown
    assert "<@UOWNER> started work on it" in shown
    [note] = dms(desk, "U1")  # the reporter hears about the resolution
    assert "which you logged, was resolved by <@UOWNER>" in note


def test_a_late_first_response_is_flagged_in_show_and_list(desk):
    with freeze_time(T0):
        say(desk, "add ACME Trading labels in the wrong language severity high")  # 8h to respond
    with freeze_time(T0 + timedelta(hours=9, minutes=30)):
        shown = say(desk, "show 1")
        listed = say(desk, "list")
    assert "no response yet (9h 30m)" in shown
    assert "due 2026-12-01 18:00" in shown
    assert ":warning: late by 1h 30m" in shown
    assert ":warning: late by 1h 30m" in listed


def test_lists_show_open_mine_a_customer_and_an_order(desk):
    say(desk, "add ACME Trading cartons crushed order PO-1")
    say(desk, "add Globex Corp wants the B/L earlier order PO-2")
    say(desk, "add ACME late payment reminder was rude category communication")
    say(desk, "resolve 3 apologised", user="UOWNER")

    def ids(text):
        return sorted(int(part.split(" ")[0]) for part in text.split("#")[1:])

    assert ids(say(desk, "list")) == [1, 2]
    assert ids(say(desk, "list mine", user="UOWNER")) == [1]
    assert ids(say(desk, "list customer ACME")) == [3]
    assert ids(say(desk, "list order po-2")) == [2]
    assert "`later` is not a list I keep" in say(desk, "list later")
    assert "I don't know an order numbered PO-9" in say(desk, "list order PO-9")


def test_the_customer_view_shows_orders_open_items_latest_and_counts(desk):
    say(desk, "add ACME Trading cartons crushed order PO-1 category packaging")
    say(desk, "add ACME Trading tape came loose category packaging")
    say(desk, "add ACME Trading invoice typo category documents")
    say(desk, "resolve 3 corrected invoice sent", user="UOWNER")
    text = say(desk, "customer acme trading")
    assert "ACME Trading at a glance" in text
    assert "PO-1 · Production" in text
    assert "Packaging: 2 · Documents: 1" in text
    assert "Open feedback (2)" in text
    assert "Latest feedback (3)" in text
    assert "3 feedback items in all" in text


def test_reopening_tells_the_assignee(desk):
    say(desk, "add ACME Trading wrong colour", user="UCS")
    say(desk, "resolve 1 remade in blue", user="UCS")
    assert "#1 is open again" in say(desk, "reopen 1 still green", user="UCS")
    [_assigned, reopened] = dms(desk, "UOWNER")
    assert "reopened feedback #1" in reopened
    assert "still green" in say(desk, "show 1")


def test_the_start_button_on_the_dm_starts_work_once(desk, fake_slack):
    say(desk, "add ACME Trading shrink wrap torn")
    [dm] = desk.sent_messages("UOWNER")
    button = dm["blocks"][3]["elements"][0]
    for _ in range(2):
        desk.press(
            "UOWNER",
            button["action_id"],
            button["value"],
            channel_id="DUOWNER",
            response_url=fake_slack.response_url(),
        )
    replies = [call.params["text"] for call in fake_slack.calls("response_url")]
    assert replies == [
        ":white_check_mark: #1 is in progress.",
        ":white_check_mark: #1 was already in progress.",
    ]
    with desk.core.unit() as unit:
        history = feedback.detail(unit, 1).history
    assert [entry.action for entry in history] == ["created", "started"]


def test_a_chinese_speaking_member_reads_feedback_in_chinese(desk):
    with desk.core.unit() as unit:
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
