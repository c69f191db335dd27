"""/feedback list, show and customer: what people read, in their time zone, within Slack's
limits, with the SLA times computed and shown."""

from __future__ import annotations

from datetime import timedelta

import pytest
from freezegun import freeze_time

from bot import customers, feedback
from bot.feedback import NewFeedback
from tests.support.driver import visible_text
from tests.support.feedback_data import (
    T0,
    assert_slack_accepts,
    dms,
    item_ids,
    items,
    member,
    order,
    say,
    trade_desk,
)


@pytest.fixture
def desk(slack):
    trade_desk(slack.core)
    return slack


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
    assert sorted(item_ids(say(desk, "list"))) == [1, 2]
    assert item_ids(say(desk, "list mine", user="UOWNER")) == [1]
    assert item_ids(say(desk, "list all")) == [3, 2, 1]
    by_customer = say(desk, "list customer acme")
    assert by_customer.startswith("Feedback from ACME\n")
    assert item_ids(by_customer) == [3]
    by_order = say(desk, "list order po-2")
    assert by_order.startswith("Feedback on order PO-2\n")
    assert item_ids(by_order) == [2]
    assert "`later` is not a list I keep" in say(desk, "list later")
    assert "I don't know an order numbered PO-9" in say(desk, "list order PO-9")


def test_the_customer_view_shows_orders_open_items_latest_and_counts(desk):
    say(desk, "add ACME Trading cartons crushed order PO-1 category packaging")
    say(desk, "add ACME Trading tape came loose category packaging severity high")
    say(desk, "add ACME Trading invoice typo category documents")
    say(desk, "resolve 3 corrected invoice sent", user="UOWNER")
    text = say(desk, "customer acme trading")
    assert "ACME Trading at a glance" in text
    assert "*Running orders (1)*\n• PO-1 · Production" in text
    assert "Packaging: 2 · Documents: 1" in text
    assert "Feedback logged in all: 3" in text
    open_part, latest_part = text.split("*Open feedback (2)*")[1].split("*Latest feedback*")
    assert item_ids(open_part) == [2, 1]  # the high one is due first
    assert item_ids(latest_part) == [3, 2, 1]


def test_the_customer_view_lists_running_orders_and_counts_the_finished_ones(desk):
    with freeze_time(T0 - timedelta(days=400)), desk.core.write() as unit:
        acme = customers.get(unit, "ACME Trading").id
        for number in range(20):
            order(unit, f"RUN-{number:02d}", acme, stage="production")
        order(unit, "DONE-1", acme, stage="delivered")
    with freeze_time(T0):
        orders = say(desk, "customer ACME Trading").split("*Feedback by category*")[0]
    assert "*Running orders (21)*\n• RUN-00 · Production :warning: late" in orders
    assert orders.count("· Production") == 15
    assert "…and 6 more: `/order list customer ACME Trading`" in orders
    assert "Finished · Delivered: 1" in orders


def test_the_status_history_is_shown_in_order_with_who_did_what(desk):
    steps = [
        ("U1", "add ACME Trading the seals leak"),
        ("UOWNER", "start 1"),
        ("UOWNER", "resolve 1 new seals sent by courier"),
        ("UCS", "reopen 1 still leaking"),
        ("UCS", "assign 1 <@UCS|cs>"),
        ("UCS", "resolve 1 replaced the pump"),
    ]
    for hour, (user, text) in enumerate(steps):
        with freeze_time(T0 + timedelta(hours=hour)):
            assert ":white_check_mark:" in say(desk, text, user=user)
    history = say(desk, "show 1").split("*History*\n")[1].splitlines()
    assert history == [
        "2026-12-01 10:00 CST · <@U1> logged it, assigned to <@UOWNER>",
        "2026-12-01 11:00 CST · <@UOWNER> started work on it",
        "2026-12-01 12:00 CST · <@UOWNER> resolved it: new seals sent by courier",
        "2026-12-01 13:00 CST · <@UCS> reopened it: still leaking",
        "2026-12-01 14:00 CST · <@UCS> assigned it to <@UCS>",
        "2026-12-01 15:00 CST · <@UCS> resolved it: replaced the pump",
        "Share in channel",  # the button below the card
    ]


def test_a_long_list_pages_and_each_page_fits_in_a_slack_message(desk):
    with freeze_time(T0):
        for number in range(62):
            feedback.log(
                desk.core, "U1", NewFeedback("Globex Corp", f"item {number} " + "x" * 2800)
            )
    seen: list[str] = []
    for number in range(1, 6):
        reply = desk.command("/feedback", f"list all page {number}", user="U1").json()
        assert_slack_accepts(reply)
        text = visible_text(reply)
        seen += item_ids(text)
        assert f"Page {number} of 5 (62 items)" in text
    assert "Next: `/feedback list all page 1`" in text  # from the last page, back to the first
    assert sorted(seen) == list(range(1, 63))


def test_a_long_story_still_fits_and_says_what_it_leaves_out(desk):
    long = "The customer wrote at length. " * 100  # 3,000 characters
    say(desk, f"add ACME Trading {long[:2900]}")
    for number in range(14):
        say(desk, f"comment 1 {number} {long[:2800]}", user="UOWNER")
    reply = desk.command("/feedback", "show 1", user="U1").json()
    assert_slack_accepts(reply)
    assert "(the latest shown; 4 earlier)" in visible_text(reply)
    [assigned] = desk.sent_messages("UOWNER")  # the DM quotes the start, and says it goes on
    assert_slack_accepts(assigned)
    assert "> The customer wrote at length." in visible_text(assigned)
    assert "…\n" in visible_text(assigned)


def test_a_chinese_reader_in_madrid_sees_chinese_and_madrid_times(desk):
    with desk.core.write() as unit:
        member(unit, "UZH", role="customer_service", locale="zh-CN", tz="Europe/Madrid")
    with freeze_time(T0):  # 03:00 in Madrid; a high item wants a first response in 8 hours
        say(desk, "add ACME Trading 标签语言错误 severity high")
    with freeze_time(T0 + timedelta(hours=9, minutes=30)):
        shown = say(desk, "show 1", user="UZH")
        listed = say(desk, "list", user="UZH")
    assert "*记录时间*\n2026-12-01 03:00 CET" in shown
    waited = "尚未回复（已等 9小时30分钟）"
    late = ":warning: 已超时 1小时30分钟"
    assert f"*首次回复用时*\n{waited}（截止 2026-12-01 11:00 CET） {late}" in shown
    assert "*解决用时*\n尚未解决（截止 2026-12-04 03:00 CET）" in shown
    assert f"{waited} :warning: 已超时 1小时30分钟；尚未解决" in listed
    assert listed.startswith("未解决的反馈\n")
