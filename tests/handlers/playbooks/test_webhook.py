"""The ERP moving an order by webhook hands out the stage's checklist like a command does,
once however often it repeats itself, and is refused while a required step is open."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from freezegun import freeze_time

from tests.support.playbooks_data import handed_out
from tests.support.wsgi import call

BOOKED = datetime(2026, 12, 28, 2, 0, tzinfo=UTC)
TOKEN = "test-webhook-token"


def post(slack, body, when=BOOKED):
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"}
    with freeze_time(when):
        return call(slack.side.web, "POST", "/api/orders/1042", json.dumps(body), headers)


def test_the_erp_moving_an_order_to_booked_hands_out_its_steps_once(in_production):
    slack = in_production
    assert post(slack, {"stage": "booked"}).status == 200
    assert post(slack, {"stage": "booked"}).status == 200  # the ERP sends it again
    assert [step for step, *_ in handed_out(slack.core, "booked")] == [
        "shipping_instructions", "book_truck", "check_vgm",
    ]  # fmt: skip
    [dm] = slack.sent_messages("UZHOU")
    assert "ERP webhook moved order *1042* (ACME Trading) to *Booked*: 3 new tasks" in dm["text"]


def test_the_erp_cannot_move_an_order_past_an_open_required_step(in_production):
    slack = in_production
    post(slack, {"stage": "booked"})
    refused = post(slack, {"stage": "shipped"})
    assert refused.status == 422
    assert "cannot leave `booked` yet" in refused.text
