"""POST /api/orders/<number>: the ERP's webhook, through the WSGI front `tradeops serve` runs."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from freezegun import freeze_time
from sqlalchemy import func, select

from bot import orders
from storage.models import Member, OrderChange, OrderWatcher
from tests.support.wsgi import call

NOW = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
TOKEN = "test-webhook-token"  # what conftest's settings carry as TRADEOPS_WEBHOOK_TOKEN


def post(slack, number, body, token=TOKEN):
    text = body if isinstance(body, str) else json.dumps(body)
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    with freeze_time(NOW):
        return call(slack.side.web, "POST", f"/api/orders/{number}", text, headers)


@pytest.fixture
def owned_order(slack, fake_slack):
    fake_slack.add_user("UWANG", name="wang", locale="zh-CN", tz="Asia/Shanghai")
    fake_slack.add_user("UANA", name="ana", tz="Europe/Madrid")
    for user in ("UWANG", "UANA"):
        slack.command("/order", "help", user=user)
    with slack.core.write() as unit:
        unit.session.get(Member, "UWANG").role = "sales"
    with freeze_time(NOW), slack.core.write() as unit:
        orders.save(unit, "UWANG", "command", "1042", {"customer": "ACME", "owner": "UWANG"})
        order = orders.get(unit, "1042")
        unit.session.add(OrderWatcher(order_id=order.id, member_id="UANA"))
    fake_slack.reset()
    return slack


def change_count(slack):
    with slack.core.write() as unit:
        return unit.session.scalar(select(func.count()).select_from(OrderChange))


def test_a_webhook_creates_an_order_and_answers_201_with_it(slack):
    response = post(
        slack,
        "PO-2026-118",
        {
            "customer": "Golden Harbor",
            "incoterm": "CIF",
            "amount": 12500.5,
            "currency": "EUR",
            "containers": ["CSQU3054383", "MSKU9070323"],
            "eta": "2027-01-15",
        },
    )
    assert response.status == 201
    body = response.json()
    assert body["created"] is True
    assert body["order"]["containers"] == "CSQU3054383 MSKU9070323"
    assert body["order"]["amount"] == "12500.50"
    with slack.core.write() as unit:
        assert orders.get(unit, "po-2026-118").customer_name == "Golden Harbor"


def test_a_stage_change_by_webhook_is_in_history_and_notifies_each_once(owned_order):
    slack = owned_order
    response = post(slack, "1042", {"stage": "booked", "vessel": "EVER GIVEN 0123E"})
    assert response.status == 200
    assert response.json()["changed"] == ["stage", "vessel"]
    sent = slack.sent_messages()
    assert sorted(message["channel"] for message in sent) == ["CORDERS", "UANA", "UWANG"]
    assert "Changed by ERP webhook" in json.dumps(
        next(m for m in sent if m["channel"] == "UANA")["blocks"]
    )
    with freeze_time(NOW):
        history = slack.reply_text(slack.command("/order", "history 1042", user="UANA"))
    assert "ERP webhook: Stage *Confirmed* → *Booked*" in history
    again = post(slack, "1042", {"stage": "booked"})  # the ERP re-sends: nothing new
    assert again.status == 200 and again.json()["changed"] == []
    assert len(slack.sent_messages()) == 3


@pytest.mark.parametrize("token", [None, "wrong-token", ""])
def test_a_missing_or_wrong_token_gets_401_and_changes_nothing(owned_order, token):
    before = change_count(owned_order)
    response = post(owned_order, "1042", {"stage": "booked"}, token=token)
    assert response.status == 401
    assert change_count(owned_order) == before


def test_no_configured_token_means_no_entry(owned_order):
    owned_order.core.settings = replace(owned_order.core.settings, webhook_token=None)
    assert post(owned_order, "1042", {"stage": "booked"}, token="").status == 401


@pytest.mark.parametrize("body", ["{not json", "[1, 2]", '"booked"', ""])
def test_a_body_that_is_not_a_json_object_gets_400(owned_order, body):
    before = change_count(owned_order)
    response = post(owned_order, "1042", body)
    assert response.status == 400
    assert response.json()["error"] == "bad_json"
    assert change_count(owned_order) == before


def test_invalid_fields_get_422_with_every_problem_and_change_nothing(owned_order):
    before = change_count(owned_order)
    response = post(
        owned_order,
        "1042",
        {
            "stage": "sailing",
            "incoterm": "FOX",
            "containers": ["CSQU3054384"],
            "eta": "whenever",
            "notes": {"nested": True},
        },
    )
    assert response.status == 422
    problems = {error["field"]: error["code"] for error in response.json()["errors"]}
    assert problems == {
        "stage": "orders.error.unknown_stage",
        "incoterm": "orders.error.bad_incoterm",
        "containers": "orders.error.bad_container",
        "eta": "dates.error.unparseable",
        "notes": "orders.error.not_text",
    }
    assert change_count(owned_order) == before
    with owned_order.core.write() as unit:
        assert orders.get(unit, "1042").stage == "confirmed"


def test_a_new_order_without_a_customer_gets_422(slack):
    response = post(slack, "2000", {"stage": "booked"})
    assert response.status == 422
    assert response.json()["errors"][0]["code"] == "orders.error.customer_required"


def test_a_body_naming_another_order_gets_422(owned_order):
    response = post(owned_order, "1042", {"number": "1043", "stage": "booked"})
    assert response.status == 422
    assert response.json()["errors"][0]["code"] == "orders.error.number_mismatch"


def test_an_order_number_with_slashes_can_be_addressed(slack):
    response = post(slack, "PO/2026/118", {"customer": "Golden Harbor"})
    assert response.status == 201
    assert response.json()["order"]["number"] == "PO/2026/118"
