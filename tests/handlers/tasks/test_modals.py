"""The "new task" form, from /task add and a message's shortcut, through signed requests."""

from __future__ import annotations

import json

import pytest

from bot import tasks
from tests.support import tasks as given
from tests.support.driver import visible_text
from tests.support.tasks import shanghai, task

# Thursday 09:00 in Shanghai for every test here; ana, li, wang (reads Chinese) and the admin.
clock, people = given.clock, given.people
pytestmark = pytest.mark.usefixtures("clock")


def form(title="", assignee=None, day=None, clock_time=None, priority="normal"):
    return {
        "title": {"title": {"type": "plain_text_input", "value": title}},
        "assignee": {"assignee": {"type": "users_select", "selected_user": assignee}},
        "due_date": {"due_date": {"type": "datepicker", "selected_date": day}},
        "due_time": {"due_time": {"type": "timepicker", "selected_time": clock_time}},
        "priority": {"priority": {"type": "static_select", "selected_option": {"value": priority}}},
    }


# -- the form ----------------------------------------------------------------------------------


def test_the_form_creates_a_task_with_picked_date_and_time_in_the_authors_zone(
    slack, fake_slack, people
):
    metadata = json.dumps({"reply_channel": "C1"})
    values = form("Send samples to Hamburg", "U2", "2026-12-11", "16:30", "low")
    response = slack.submit("U1", "task_create", values, private_metadata=metadata)
    assert response.status == 200 and not response.text
    created = task(slack)
    assert (created.title, created.assignee_id, created.priority) == (
        "Send samples to Hamburg",
        "U2",
        "low",
    )
    assert created.due_at == shanghai("2026-12-11 16:30")
    assert "Created `#1`" in fake_slack.last("chat.postEphemeral").params["text"]
    assert "gave you `#1`" in visible_text(slack.sent_messages("U2")[0])


def test_a_date_without_a_time_in_the_form_means_the_end_of_the_workday(slack, people):
    slack.submit("U1", "task_create", form("Pay the deposit", "U1", "2026-12-11"))
    assert task(slack).due_at == shanghai("2026-12-11 18:00")


@pytest.mark.parametrize(
    ("values", "field", "complaint"),
    [
        (form("", "U2"), "title", "A task needs a title."),
        (form("   ", "U2"), "title", "A task needs a title."),
        (form("Old", "U2", "2026-12-09"), "due_date", "in the past"),
        (form("No day", "U2", None, "10:00"), "due_date", "Pick a date"),
    ],
)
def test_bad_form_input_is_shown_on_the_field_and_creates_nothing(
    slack, people, values, field, complaint
):
    response = slack.submit("U1", "task_create", values)
    answer = response.json()
    assert answer["response_action"] == "errors"
    assert complaint in answer["errors"][field]
    with slack.core.write() as unit:
        assert tasks.open_tasks(unit) == []
    assert slack.sent_messages() == []


# -- the message shortcut ------------------------------------------------------------------------


def test_the_shortcut_opens_the_form_prefilled_and_the_task_links_back_to_the_message(
    slack, fake_slack, people
):
    text = "ACME needs the  proforma\ninvoice by Friday"
    slack.shortcut(
        "U1",
        "create_task_from_message",
        text,
        channel_id="C9",
        message_ts="1700000000.000100",
        message_user="U3",
    )
    opened = fake_slack.last("views.open").params["view"]
    title_input = next(b for b in opened["blocks"] if b["block_id"] == "title")["element"]
    assert title_input["initial_value"] == "ACME needs the proforma invoice by Friday"
    values = form(title_input["initial_value"], "U2", "2026-12-11")
    slack.submit("U1", "task_create", values, private_metadata=opened["private_metadata"])
    created = task(slack)
    assert (created.source_channel, created.source_ts) == ("C9", "1700000000.000100")
    assert created.source_link == "https://tradeops.slack.com/archives/C9/p1700000000000100"
    assert fake_slack.last("chat.getPermalink").params["message_ts"] == "1700000000.000100"
    assert fake_slack.last("chat.postEphemeral").params["channel"] == "C9"
    assert "open the message" in visible_text(slack.sent_messages("U2")[0])


def test_a_message_longer_than_a_title_is_cut_to_fit_the_form(slack, fake_slack, people):
    slack.shortcut("U1", "create_task_from_message", "word " * 2000)
    opened = fake_slack.last("views.open").params["view"]
    title_input = next(b for b in opened["blocks"] if b["block_id"] == "title")["element"]
    assert len(title_input["initial_value"]) == 300
