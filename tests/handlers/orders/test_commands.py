"""/order through signed requests, as Slack would send them."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import event, func, select

from bot import orders
from storage.models import Order, OrderChange
from tests.support.driver import visible_text
from tests.support.orders_data import IN_PRODUCTION, NOW, save


def status_text(slack, user, number="1042", when=NOW):
    with freeze_time(when):
        return slack.reply_text(slack.command("/order", f"status {number}", user=user))


def test_status_shows_the_order_at_a_glance_in_english(order_1042):
    text = status_text(order_1042, "USALES")
    assert "Order 1042 · ACME Trading" in text
    assert (
        ":white_check_mark: Confirmed → :white_check_mark: Deposit received → "
        ":large_blue_circle: *Production* → :white_circle: QC / inspection" in text
    )
    assert "Stage 3 of 8" in text
    assert "10 days in *Production* · SLA 30 days · Responsible: Sales" in text
    assert "since 2026-11-20 09:00" in text
    assert "ACME Trading (ES)" in text
    assert "<@UWANG>" in text
    assert "Sat 5 Dec 2026 (in 5 days)" in text
    assert "Fri 8 Jan 2027 (in 39 days)" in text
    assert "MSC Aurora 612E" in text
    assert "`CSQU3054383`" in text
    assert "`MEDUNB123456`" in text
    assert "USD 48,000.00" in text
    assert "Ningbo → Valencia" in text


def test_status_lists_the_last_three_changes_and_offers_watch_history_and_share(order_1042):
    response = order_1042.command("/order", "status 1042", user="USALES")
    text = order_1042.reply_text(response)
    assert "Containers — → CSQU3054383" in text
    assert "Stage *Deposit received* → *Production*" in text
    assert "ETA — → 2027-01-08" in text
    assert "Stage *Confirmed* → *Deposit received*" not in text  # the fourth change back
    buttons = next(block for block in response.json()["blocks"] if block["type"] == "actions")
    assert [(b["action_id"], b["text"]["text"], b["value"]) for b in buttons["elements"]] == [
        ("orders.watch", "Watch", "1042"),
        ("orders.history", "History", "1042"),
        ("orders.status.share", "Share in channel", "1042"),
    ]


def test_status_speaks_chinese_to_a_chinese_reader(order_1042):
    text = status_text(order_1042, "UWANG")
    assert "订单 1042 · ACME Trading" in text
    assert (
        ":white_check_mark: 已确认 → :white_check_mark: 已收定金 → :large_blue_circle: *生产中*"
        in text
    )
    assert "第 3/8 阶段" in text
    assert "已在「生产中」10 天 · 时限 30 天 · 负责：销售 · 自 2026-11-20 09:00 CST 起" in text
    assert "*负责人*\n<@UWANG>" in text
    assert "*预计开船*\n2026年12月5日 周六（5 天后）" in text
    assert "*预计到港*\n2027年1月8日 周五（39 天后）" in text
    assert "*船名/航次*\nMSC Aurora 612E" in text
    assert "*柜号*\n`CSQU3054383`" in text
    assert "*提单号*\n`MEDUNB123456`" in text
    assert "*港口*\nNingbo → Valencia" in text
    assert "<@USALES>：阶段 *已收定金* → *生产中*" in text
    assert "\n关注\n历史" in text  # the buttons
    assert "Production" not in text and "None" not in text


def test_a_late_order_is_flagged_in_chinese_too(order_1042):
    text = status_text(order_1042, "UWANG", when=IN_PRODUCTION + timedelta(days=31))
    assert ":warning: *已超期*：已在「生产中」31 天，时限 30 天" in text


def test_times_are_shown_in_the_readers_time_zone(order_1042):
    assert "since 2026-11-20 02:00" in status_text(order_1042, "UANA")  # Madrid
    assert "since 2026-11-20 09:00" in status_text(order_1042, "USALES")  # Shanghai


def test_an_order_past_its_stage_sla_is_flagged_late(order_1042):
    text = status_text(order_1042, "USALES", when=IN_PRODUCTION + timedelta(days=31))
    assert ":warning: *Late*: 31 days in *Production*, SLA 30 days" in text


def test_an_unknown_number_says_so_and_suggests_close_ones(order_1042):
    text = status_text(order_1042, "USALES", number="1043")
    assert "There is no order `1043`. Did you mean `1042`?" in text
    assert "Usage:" in text


def test_an_unknown_number_with_nothing_close_points_to_the_list(order_1042):
    text = status_text(order_1042, "UWANG", number="PO-77")
    assert "没有 `PO-77` 这个订单。可用 `/order list` 查看未完结的订单。" in text
    assert "—" not in text.split("\n")[0]


def test_new_order_by_command_with_fields(team_of_four):
    slack = team_of_four
    with freeze_time(NOW):
        text = slack.reply_text(
            slack.command(
                "/order",
                "new PO-2026-118 customer Golden Harbor Imports owner <@UANA|ana> "
                "incoterm CIF eta 2027-01-15 note fragile, handle with care",
                user="USALES",
            )
        )
    assert "Order *PO-2026-118* created for Golden Harbor Imports · Confirmed" in text
    with slack.core.write() as unit:
        order = orders.get(unit, "po-2026-118")
    assert (order.owner_id, order.incoterm, order.notes) == (
        "UANA",
        "CIF",
        "fragile, handle with care",
    )


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ("update 1042 stage sailing", "`sailing` is not a stage. Stages: `confirmed`"),
        ("update 1042 container CSQU3054384", "`CSQU3054384` is not a valid container number"),
        ("update 1042 eta the 35th", "I can't read `the 35th` as a date"),
        ("update 1043 stage qc", "There is no order `1043`"),
        ("new 2000 customer ACME incoterm FOX", "`FOX` is not an Incoterm (2020)"),
        ("update 1042 colour red", "`colour` is not an order field"),
        ("update 1042", "What should change on order `1042`?"),
        ("update 1042 number 1043", "An order keeps its number"),
        ("update 1042 amount 12,50", "`12,50` is not an amount"),
    ],
)
def test_bad_input_says_why_with_the_usage_and_changes_nothing(order_1042, arguments, expected):
    slack = order_1042
    with slack.core.write() as unit:
        changes_before = unit.session.scalar(select(func.count()).select_from(OrderChange))
    with freeze_time(NOW):
        response = slack.command("/order", arguments, user="USALES")
    text = slack.reply_text(response)
    assert expected in text
    assert "Usage:" in text
    assert response.json()["response_type"] == "ephemeral"
    with slack.core.write() as unit:
        assert unit.session.scalar(select(func.count()).select_from(OrderChange)) == changes_before
        assert unit.session.scalar(select(func.count()).select_from(Order)) == 1
        assert orders.get(unit, "1042").stage == "production"
    assert slack.sent_messages() == []


def move_to_qc_watched_by_ana_and_the_owner(slack, mover):
    with freeze_time(NOW):
        slack.command("/order", "watch 1042", user="UANA")
        slack.command("/order", "watch 1042", user="UWANG")  # the owner watches too
        return slack.reply_text(slack.command("/order", "update 1042 stage qc", user=mover))


def test_a_stage_change_by_command_notifies_owner_watchers_and_channel_once_each(order_1042):
    slack = order_1042
    text = move_to_qc_watched_by_ana_and_the_owner(slack, "ULOG")
    assert "Stage *Production* → *QC / inspection*" in text
    assert "Notified <@UWANG>, <@UANA> and <#CORDERS>." in text
    sent = slack.sent_messages()
    assert sorted(message["channel"] for message in sent) == ["CORDERS", "UANA", "UWANG"]
    by_channel = {message["channel"]: message["text"] for message in sent}
    assert (
        "Order *1042* (ACME Trading) moved from *Production* to *QC / inspection*"
        in by_channel["UANA"]
    )
    assert "订单 *1042*（ACME Trading）从「生产中」进入「质检/验货」" in by_channel["UWANG"]
    with freeze_time(NOW):
        history = slack.reply_text(slack.command("/order", "history 1042", user="UANA"))
    assert "<@ULOG>: Stage *Production* → *QC / inspection*" in history


def test_the_owner_moving_their_own_order_on_gets_no_dm_but_the_channel_and_watchers_do(
    order_1042,
):
    slack = order_1042
    text = move_to_qc_watched_by_ana_and_the_owner(slack, "UWANG")
    assert "已通知 <@UANA>和<#CORDERS>。" in text
    assert sorted(message["channel"] for message in slack.sent_messages()) == ["CORDERS", "UANA"]
    assert "Changed by <@UWANG>" in visible_text(slack.sent_messages("CORDERS")[0])


def test_someone_who_is_not_sales_logistics_admin_or_owner_is_refused(order_1042):
    slack = order_1042
    with freeze_time(NOW):
        text = slack.reply_text(slack.command("/order", "update 1042 stage qc", user="UANA"))
    assert "Only sales, logistics, admins and the order's owner can change orders." in text
    with slack.core.write() as unit:
        assert orders.get(unit, "1042").stage == "production"


def test_the_owner_may_update_their_own_order_in_chinese(order_1042):
    slack = order_1042
    with freeze_time(NOW):
        text = slack.reply_text(slack.command("/order", "update 1042 eta 2027-01-12", user="UWANG"))
    assert "订单 *1042* 已更新" in text
    assert "预计到港 2027-01-08 → 2027-01-12" in text


def test_list_filters_and_flags_late_orders(order_1042):
    slack = order_1042
    save(slack, "USALES", "1043", NOW - timedelta(days=5), customer="Beta Foods")
    with freeze_time(NOW):
        everything = slack.reply_text(slack.command("/order", "list", user="UANA"))
        late = slack.reply_text(slack.command("/order", "list late", user="UANA"))
        acme = slack.reply_text(slack.command("/order", "list customer acme trading", user="UANA"))
    assert "*1043*" in everything and "*1042*" in everything
    assert "*1043* · Beta Foods · Confirmed · 5/2 days" in late and ":warning:" in late
    assert "*1042*" not in late
    assert "*1042*" in acme and "*1043*" not in acme


def test_status_answers_while_another_connection_holds_the_write_lock(order_1042):
    """A status is a read: under WAL it reads its snapshot beside a writer (here, an import
    half way through a batch) instead of queueing for the lock."""
    slack = order_1042
    engine = slack.core.engine
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's write lock")
    wait_briefly_for_locks(engine)  # a unit that wanted the lock would fail in 0.2 s, not 10 s
    writer = sqlite3.connect(engine.url.database, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute(
            "INSERT INTO customers (name, name_key, created_at) VALUES ('Held', 'held', ?)",
            (NOW.isoformat(),),
        )
        text = status_text(slack, "USALES")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert "Order 1042 · ACME Trading" in text
    assert "10 days in *Production*" in text


def wait_briefly_for_locks(engine):
    @event.listens_for(engine, "connect")
    def short_busy_timeout(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA busy_timeout=200")

    engine.dispose()  # connections already pooled were opened with the 10 s default


def test_the_card_names_the_zone_of_its_times_for_a_reader_in_madrid(order_1042):
    text = status_text(order_1042, "UANA")
    assert "since 2026-11-20 02:00 CET" in text
    assert "2026-11-20 03:00 CET · <@ULOG>" in text  # the latest change, an hour later


def test_an_empty_list_says_what_it_found_none_of(order_1042):
    def listed(words, user="UANA"):
        with freeze_time(NOW):
            return order_1042.reply_text(order_1042.command("/order", f"list {words}", user=user))

    assert "No order is late." in listed("late")
    assert "没有延误的订单。" in listed("late", user="UWANG")
    assert "No orders in QC / inspection." in listed("stage qc")
    assert "No orders match." in listed("stage qc late")
    with freeze_time(NOW):
        order_1042.command("/order", "update 1042 stage delivered", user="USALES")
    assert "No open orders for ACME Trading." in listed('customer "ACME Trading"')
    assert "No open orders. Add one with `/order new`." in listed("")
