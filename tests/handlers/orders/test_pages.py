"""Long order lists and histories page, and every order message stays within Slack's limits."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from freezegun import freeze_time

from bot import orders
from bot.orders.containers import container_check_digit
from storage.models import Member
from tests.support.driver import visible_text

NOW = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)  # Monday 10:00 in Shanghai


@pytest.fixture
def sales(slack, fake_slack):
    fake_slack.add_user("USALES", name="li", tz="Asia/Shanghai")
    fake_slack.add_user("UWANG", name="wang", locale="zh-CN", tz="Asia/Shanghai")
    for user in ("USALES", "UWANG"):
        slack.command("/order", "help", user=user)
    with slack.core.write() as unit:
        unit.session.get(Member, "USALES").role = "sales"
    return slack


def save(slack, number, when=NOW, **fields):
    with freeze_time(when), slack.core.write() as unit:
        return orders.save(unit, "USALES", "command", number, fields, append=True)


def assert_slack_accepts(blocks):
    """What Slack refuses: over 50 blocks, texts over 3,000 characters, more than ten fields
    or fields over 2,000, headers over 150, buttons over 75 or sharing an action id."""
    assert len(blocks) <= 50
    for block in blocks:
        assert all(len(text) <= 3000 for text in texts_of(block))
        assert len(block.get("fields", [])) <= 10
        assert all(len(each["text"]) <= 2000 for each in block.get("fields", []))
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= 150
        buttons = [each for each in block.get("elements", []) if each["type"] == "button"]
        assert all(len(each["text"]["text"]) <= 75 for each in buttons)
        assert len({each["action_id"] for each in buttons}) == len(buttons)


def texts_of(block):
    objects = [block.get("text"), *block.get("fields", []), *block.get("elements", [])]
    return [each["text"] for each in objects if each and isinstance(each.get("text"), str)]


def buttons_of(blocks):
    return [each for block in blocks if block["type"] == "actions" for each in block["elements"]]


def press_page(slack, user, button):
    response_url = slack.fake.response_url(button["action_id"])
    with freeze_time(NOW):
        slack.press(user, button["action_id"], button["value"], response_url=response_url)
    return slack.fake.calls("response_url")[-1].params


def test_a_list_of_sixty_orders_pages_with_next_and_previous_buttons(sales):
    for index in range(62):
        save(sales, f"SO-{index:03d}", NOW - timedelta(hours=62 - index), customer="ACME")
    with freeze_time(NOW):
        first = sales.command("/order", "list", user="USALES").json()
    assert_slack_accepts(first["blocks"])
    text = visible_text(first)
    assert text.count("• *SO-") == 25 and "*SO-000*" in text and "*SO-025*" not in text
    assert "Page 1 of 3 · 62 orders" in text
    [next_button] = buttons_of(first["blocks"])
    assert next_button["text"]["text"] == "Next"
    second = press_page(sales, "USALES", next_button)
    again = press_page(sales, "USALES", next_button)  # a double press shows the same page
    assert second["replace_original"] is True and second == again
    assert_slack_accepts(second["blocks"])
    assert "*SO-025*" in json.dumps(second["blocks"]) and "Page 2 of 3" in json.dumps(second)
    assert [b["text"]["text"] for b in buttons_of(second["blocks"])] == ["Previous", "Next"]
    last = press_page(sales, "USALES", buttons_of(second["blocks"])[1])
    assert "*SO-061*" in json.dumps(last["blocks"]) and "*SO-049*" not in json.dumps(last)
    assert [b["text"]["text"] for b in buttons_of(last["blocks"])] == ["Previous"]


def test_list_pages_keep_their_filters_and_speak_chinese(sales):
    for index in range(30):
        save(sales, f"A-{index:02d}", customer="ACME", stage="booked")
        save(sales, f"B-{index:02d}", customer="Beta", stage="booked")
    with freeze_time(NOW):
        first = sales.command("/order", "list stage 已订舱 customer acme", user="UWANG").json()
    text = visible_text(first)
    assert "「已订舱」阶段的订单 · acme" in text and "第 1/2 页 · 共 30 个订单" in text
    second = press_page(sales, "UWANG", buttons_of(first["blocks"])[0])
    shown = json.dumps(second["blocks"], ensure_ascii=False)
    assert "*A-29*" in shown and "B-" not in shown and "上一页" in shown


def test_delivered_and_cancelled_orders_leave_the_open_list_but_a_stage_finds_them(sales):
    save(sales, "1", customer="ACME")
    save(sales, "2", customer="ACME", stage="delivered")
    save(sales, "3", customer="ACME", stage="cancelled")
    with freeze_time(NOW):
        open_ones = sales.reply_text(sales.command("/order", "list", user="USALES"))
        delivered = sales.reply_text(sales.command("/order", "list stage delivered", user="USALES"))
    assert "*1*" in open_ones and "*2*" not in open_ones and "*3*" not in open_ones
    assert "Total: 1" in open_ones and "/order list stage delivered" in open_ones
    assert "Orders in Delivered" in delivered and "*2*" in delivered and "*1*" not in delivered


def test_a_long_history_pages_newest_first(sales):
    save(sales, "1042", customer="ACME")
    for index in range(60):
        save(sales, "1042", NOW + timedelta(minutes=index), vessel=f"Vessel {index:02d}")
    with freeze_time(NOW + timedelta(hours=2)):
        first = sales.command("/order", "history 1042", user="USALES").json()
    assert_slack_accepts(first["blocks"])
    text = visible_text(first)
    assert text.index("→ Vessel 59") < text.index("→ Vessel 58")  # newest first
    assert "→ Vessel 35" in text and "→ Vessel 34" not in text
    assert "Page 1 of 3 · 61 changes" in text
    last = press_page(sales, "USALES", buttons_of(first["blocks"])[0])
    last = press_page(sales, "USALES", buttons_of(last["blocks"])[1])
    assert "created the order" in json.dumps(last["blocks"]) and "Page 3 of 3" in json.dumps(last)


def numbered_containers(count):
    numbers = []
    for serial in range(count):
        first_ten = f"MSKU{serial:06d}"
        numbers.append(first_ten + str(container_check_digit(first_ten)))
    return numbers


def test_an_order_with_very_long_values_still_makes_messages_slack_accepts(sales):
    customer = "Golden Harbor International Import and Export Trading Company " * 3
    save(
        sales,
        "PO-2026-118",
        customer=customer.strip()[:200],
        vessel="V" * 200,
        supplier="Ningbo Bright Lights Manufacturing " * 5,
        container=" ".join(numbered_containers(60)),
    )
    for index in range(3):
        save(sales, "PO-2026-118", notes=f"note {index}: " + "x" * 3990)
    save(sales, "PO-2026-118", stage="production", notes="the newest note")
    with freeze_time(NOW):
        status = sales.command("/order", "status PO-2026-118", user="USALES").json()
        listed = sales.command("/order", "list", user="USALES").json()
        history = sales.command("/order", "history PO-2026-118", user="USALES").json()
    notice = sales.sent_messages("CORDERS")
    assert len(notice) == 1
    for message in (status, listed, history, *notice):
        assert_slack_accepts(message["blocks"])
    card = visible_text(status)
    assert "the newest note" in card  # notes outgrow the card: it shows their newest end
    assert "and 20 more" in card  # of the 60 containers
