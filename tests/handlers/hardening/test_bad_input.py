"""Bad input of every odd kind gets a clear reply or a 400, never the apology or a 500, and
changes nothing: digits int() cannot read, dates at the calendar's end, a NUL or a lone
surrogate, JSON nested fifty thousand deep, and interactivity payloads Slack never sends."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest
from sqlalchemy import func, select, text

from storage.models import Base
from tests.support.feedback_data import trade_desk
from tests.support.signing import block_action_payload, view_submission_payload
from tests.support.wsgi import call

APOLOGY = "Sorry, something went wrong"
WEBHOOK_HEADERS = {"Content-Type": "application/json", "Authorization": "Bearer test-webhook-token"}


@pytest.fixture
def desk(slack, fake_slack):
    trade_desk(slack.core)
    fake_slack.add_user("UWEST", name="west", tz="America/Los_Angeles")
    slack.command("/task", "add Call ACME due fri", user="U1")
    slack.command("/feedback", "add ACME Trading labels smudged", user="U1")
    slack.command("/task", "help", user="UWEST")
    slack.drain()
    fake_slack.reset()
    return slack


def snapshot(slack: Any) -> dict[str, Any]:
    """Every row of every table, and every Web API call made."""
    with slack.core.read() as unit:
        rows = {
            table.name: unit.session.execute(select(table)).all()
            for table in Base.metadata.sorted_tables
        }
    return {"rows": rows, "calls": len(slack.fake.calls())}


def assert_refused_plainly(slack: Any, before: dict[str, Any], reply: Any, *words: str) -> None:
    assert reply.status < 500, reply.text
    shown = json.dumps(reply.json(), ensure_ascii=False) if reply.text[:1] == "{" else reply.text
    assert APOLOGY not in shown
    for word in words:
        assert word in shown
    after = snapshot(slack)
    assert after["rows"] == before["rows"]
    posted = slack.fake.calls()[before["calls"] :]
    assert all(call.method == "response_url" for call in posted), posted
    assert all(APOLOGY not in json.dumps(call.params) for call in posted)


@pytest.mark.parametrize(
    ("command", "words", "complaint"),
    [
        ("/task", "show ²", "is not a task id"),
        ("/task", "done ²", "is not a task id"),
        ("/task", "list ²", "is not a list"),
        ("/task", "add Pay the invoice due ²", "as a date"),
        ("/feedback", "show ²", "is not a feedback number"),
        ("/feedback", "list open page ²", "I didn't understand `page ²`"),
        ("/feedback", "list customer ACME page ²", "I didn't understand `page ²`"),
    ],
)
def test_digits_that_are_not_ascii_are_read_as_words_not_numbers(desk, command, words, complaint):
    before = snapshot(desk)
    reply = desk.command(command, words, user="U1")
    assert_refused_plainly(desk, before, reply, complaint)


@pytest.mark.parametrize("when", ["31 dec 9999", "9999-12-31 23:59", "12/31/9999"])
def test_a_due_date_at_the_calendars_end_is_too_far_ahead_for_a_member_west_of_utc(desk, when):
    before = snapshot(desk)
    reply = desk.command("/task", f"add Renew the licence due {when}", user="UWEST")
    assert_refused_plainly(desk, before, reply, "too far ahead")
    reply = desk.command("/task", f"due 1 {when}", user="U1")
    assert_refused_plainly(desk, before, reply, "too far ahead")


@pytest.mark.parametrize(
    ("command", "words"),
    [
        ("/task", "add Pay the\x00 invoice"),
        ("/task", "comment 1 see\x00 attached"),
        ("/feedback", "add ACME Trading cartons\x00 crushed"),
        ("/order", "new PO-77 customer AC\x00ME"),
        ("/team", "tz Asia/Shang\x00hai"),
    ],
)
def test_a_nul_in_any_text_is_refused_plainly_on_every_database(desk, command, words):
    before = snapshot(desk)
    reply = desk.command(command, words, user="UADMIN")
    assert_refused_plainly(desk, before, reply, "cannot store")


def test_a_nul_typed_in_a_form_is_shown_under_its_field(desk):
    before = snapshot(desk)
    values = {
        "customer": {"value": {"type": "plain_text_input", "value": "ACME Trading"}},
        "text": {"value": {"type": "plain_text_input", "value": "wet\x00 pallets"}},
    }
    reply = desk.submit("U1", "feedback_add", values)
    assert_refused_plainly(desk, before, reply)
    assert list(reply.json()["errors"]) == ["text"]
    assert "cannot store" in reply.json()["errors"]["text"]


@pytest.mark.parametrize(
    "body",
    [
        '{"customer": "\\ud800 Trading"}',
        '{"customer": "ACME", "notes": "a\\u0000b"}',
        "[" * 50_000 + "]" * 50_000,
        '{"customer": ' + "[" * 50_000 + "]" * 50_000 + "}",
    ],
)
def test_the_webhook_refuses_text_no_database_keeps_and_json_nested_too_deep(desk, body):
    before = snapshot(desk)
    reply = call(desk.side.web, "POST", "/api/orders/PO-77", body, WEBHOOK_HEADERS)
    assert reply.status == 400
    assert_refused_plainly(desk, before, reply)


def _press(**changes: Any) -> dict[str, Any]:
    payload = block_action_payload("U1", "tasks.task.done", "1", response_url="http://x")
    payload.update(changes)
    return payload


def _form(**view: Any) -> dict[str, Any]:
    payload = view_submission_payload("U1", "feedback_add", {})
    payload["view"] = {**payload["view"], **view}
    return payload


MALFORMED = {
    "invalid JSON": "{not json",
    "an array": "[1, 2]",
    "null": "null",
    "a number": "3",
    "no actions": json.dumps(_press(actions=[])),
    "actions null": json.dumps(_press(actions=None)),
    "an action that is null": json.dumps(_press(actions=[None])),
    "an action without an id": json.dumps(_press(actions=[{"value": "1"}])),
    "a value that is a number": json.dumps(
        _press(actions=[{"action_id": "tasks.task.done", "value": 1}])
    ),
    "a user that is text": json.dumps(_press(user="U1")),
    "a user without an id": json.dumps(_press(user={"name": "li"})),
    "a user id that is no id": json.dumps(_press(user={"id": "U1\x00; DROP"})),
    "a form without its view": json.dumps({**_form(), "view": None}),
    "a form whose view is text": json.dumps({**_form(), "view": "x"}),
    "a form without a state": json.dumps(_form(state=None, type=None)),
    "a form whose values are a list": json.dumps(_form(state={"values": [1]})),
    "a form whose input is text": json.dumps(_form(state={"values": {"text": {"value": "x"}}})),
    "metadata that is a number": json.dumps(_form(private_metadata=7)),
    "deep JSON": "[" * 50_000 + "]" * 50_000,
}


@pytest.mark.parametrize("payload", MALFORMED.values(), ids=MALFORMED.keys())
def test_interactivity_slack_never_sends_gets_a_400_and_changes_nothing(desk, payload):
    before = snapshot(desk)
    reply = desk.post(urlencode({"payload": payload}))
    assert reply.status == 400
    assert_refused_plainly(desk, before, reply)


@pytest.mark.parametrize("value", ["abc", "", "-1", "1e9", "²", "99999999999999999999"])
@pytest.mark.parametrize("action", ["tasks.task.done", "feedback.item.start", "orders.watch"])
def test_a_button_with_an_id_that_is_no_id_gets_a_warning(desk, fake_slack, action, value):
    before = snapshot(desk)
    reply = desk.press("U1", action, value)
    assert_refused_plainly(desk, before, reply)
    [warning] = fake_slack.calls("response_url")
    assert warning.params["text"].startswith(":warning:")


@pytest.mark.parametrize("metadata", ["{bad", "[1]", "null", '{"channel": 5, "ts": []}'])
def test_a_task_form_with_bad_metadata_still_creates_its_task(desk, metadata):
    values = {"title": {"title": {"type": "plain_text_input", "value": "Book the truck"}}}
    reply = desk.submit("U1", "task_create", values, private_metadata=metadata)
    assert reply.status == 200 and APOLOGY not in reply.text
    with desk.core.read() as unit:
        titles = unit.session.scalars(text("SELECT title FROM tasks ORDER BY id")).all()
    assert titles[-1] == "Book the truck"


@pytest.mark.parametrize(
    ("day", "time"), [("2026-02-30", None), ("9999-12-31", "23:00"), ("soon", None)]
)
def test_a_task_form_with_a_date_no_calendar_has_is_refused_under_the_date(desk, day, time):
    before = snapshot(desk)
    values = {
        "title": {"title": {"type": "plain_text_input", "value": "Book the truck"}},
        "due_date": {"due_date": {"type": "datepicker", "selected_date": day}},
        "due_time": {"due_time": {"type": "timepicker", "selected_time": time}},
    }
    reply = desk.submit("UWEST", "task_create", values)
    assert_refused_plainly(desk, before, reply)
    assert list(reply.json()["errors"]) == ["due_date"]


def test_the_counts_behind_nothing_changed_do_count(desk):
    before = snapshot(desk)
    desk.command("/task", "add One more thing", user="U1")
    with desk.core.read() as unit:
        assert unit.session.scalar(select(func.count()).select_from(text("tasks"))) == 2
    assert snapshot(desk)["rows"] != before["rows"]
