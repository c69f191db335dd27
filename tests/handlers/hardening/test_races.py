"""Many requests at once, through the real Bolt app and the webhook, on SQLite and PostgreSQL:
nothing acknowledged is lost (every read-modify-write holds the row lock) and creating the
same thing ten times at once makes it once, answering every caller (issue 9, points 5, 6)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import func, select

from bot import orders
from bot.orders.containers import container_check_digit
from storage.models import Customer, Member, Order, TaskComment
from tests.support.orders_data import meet
from tests.support.wsgi import call

APOLOGY = "Sorry, something went wrong"
WEBHOOK_HEADERS = {"Content-Type": "application/json", "Authorization": "Bearer test-webhook-token"}


def at_once(count: int, request: Callable[[int], Any]) -> list[Any]:
    """`request(i)` for i in range(count), on as many threads, released together."""
    start = threading.Barrier(count)

    def one(index: int) -> Any:
        start.wait()
        return request(index)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(one, range(count)))


def container(serial: int) -> str:
    first_ten = f"CSQU{serial:06d}"
    return first_ten + str(container_check_digit(first_ten))


def count(slack: Any, model: Any) -> int:
    with slack.core.read() as unit:
        return unit.session.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def sales(slack, fake_slack):
    meet(slack, fake_slack, "USALES", "li", role="sales")
    with slack.core.write() as unit:
        orders.save(unit, "USALES", "command", "1042", {"customer": "ACME Trading"})
    return slack


def test_twenty_notes_and_containers_added_at_once_are_all_kept(sales):
    def update(index: int) -> Any:
        words = f"update 1042 container {container(index)} note call number {index}"
        return sales.command("/order", words, user="USALES")

    replies = at_once(20, update)
    assert all("Order *1042* updated" in sales.reply_text(reply) for reply in replies)
    with sales.core.read() as unit:
        order = orders.get(unit, "1042")
    assert sorted(order.containers) == sorted(container(index) for index in range(20))
    assert sorted(order.notes.splitlines()) == sorted(f"call number {i}" for i in range(20))


def test_twenty_comments_on_one_task_at_once_are_all_kept(slack, fake_slack):
    slack.command("/task", "add Book the truck", user="U1")
    replies = at_once(20, lambda index: slack.command("/task", f"comment 1 note {index}"))
    assert all(APOLOGY not in slack.reply_text(reply) for reply in replies)
    assert count(slack, TaskComment) == 20


def test_ten_webhook_calls_creating_one_new_order_make_one_and_answer_every_caller(slack):
    body = json.dumps({"customer": "Golden Harbor", "incoterm": "CIF", "notes": "from the ERP"})

    def post(_index: int) -> Any:
        return call(slack.side.web, "POST", "/api/orders/PO-2026-118", body, WEBHOOK_HEADERS)

    replies = at_once(10, post)
    assert sorted(reply.status for reply in replies) == [200] * 9 + [201]
    assert count(slack, Order) == 1
    assert count(slack, Customer) == 1


def test_ten_new_orders_for_one_new_customer_at_once_make_that_customer_once(slack):
    body = json.dumps({"customer": "Blue Fjord Imports"})

    def post(index: int) -> Any:
        return call(slack.side.web, "POST", f"/api/orders/PO-{index}", body, WEBHOOK_HEADERS)

    replies = at_once(10, post)
    assert [reply.status for reply in replies] == [201] * 10
    assert count(slack, Order) == 10
    assert count(slack, Customer) == 1


def test_ten_slash_commands_creating_one_order_create_it_once_and_tell_the_rest(sales):
    def create(_index: int) -> Any:
        return sales.command("/order", "new PO-77 customer Northwind Traders", user="USALES")

    texts = [sales.reply_text(reply) for reply in at_once(10, create)]
    assert sum("Order *PO-77* created" in text for text in texts) == 1
    assert sum("already exists" in text for text in texts) == 9
    assert count(slack=sales, model=Order) == 2


def test_a_new_member_sending_ten_requests_at_once_is_stored_once(slack, fake_slack):
    fake_slack.add_user("UNEW", name="new", tz="Europe/Madrid")
    replies = at_once(10, lambda _index: slack.command("/task", "list", user="UNEW"))
    assert all(APOLOGY not in slack.reply_text(reply) for reply in replies)
    with slack.core.read() as unit:
        member = unit.session.get(Member, "UNEW")
        assert (member.name, member.slack_tz) == ("new", "Europe/Madrid")
