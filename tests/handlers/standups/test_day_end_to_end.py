"""A whole standup day through signed requests to the real Bolt app and the fake Slack:
prompt, Answer, the form, the thread reply, an edit, a reminder, the cutoff line, a blocker
to the manager and I'll help."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.scheduler import run_pass
from storage.models import Member, OutboxMessage

PROMPT = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)  # Tuesday 09:30 in Madrid


def utc(text):
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture
def madrid(slack, fake_slack):
    """ana and luis in Madrid report to boss; the bot met them through Slack."""
    for slack_id, name in [("UBOSS", "boss"), ("UANA", "ana"), ("ULUIS", "luis")]:
        fake_slack.add_user(slack_id, name=name, tz="Europe/Madrid", locale="en-US")
        slack.command("/team", "", user=slack_id)  # first contact: users.info
    with slack.core.write() as unit:
        for report in ("UANA", "ULUIS"):
            unit.session.get(Member, report).manager_id = "UBOSS"
    fake_slack.reset()
    return slack


def beat(slack, at):
    slack.core.clock.now = lambda: at
    run_pass(slack.core, at)


def posts(slack, channel=None):
    return slack.sent_messages(channel)


def form_values(**answers):
    return {
        key: {"answer": {"type": "plain_text_input", "value": text}}
        for key, text in answers.items()
    }


def submit(slack, user, metadata, **answers):
    return slack.submit(user, "standups.answer", form_values(**answers), private_metadata=metadata)


def test_a_standup_day_from_prompt_to_help(madrid, fake_slack):
    slack = madrid
    beat(slack, PROMPT)
    prompt = next(p for p in posts(slack, "UANA") if "standup" in p["text"].lower())
    answer_button = prompt["blocks"][-1]["elements"][0]
    assert answer_button["text"]["text"] == "Answer"

    slack.press("UANA", answer_button["action_id"], answer_button["value"])
    opened = fake_slack.last("views.open").params["view"]
    opened = json.loads(opened) if isinstance(opened, str) else opened
    assert [block["block_id"] for block in opened["blocks"][1:]] == [
        "yesterday",
        "today",
        "blockers",
    ]

    metadata = opened["private_metadata"]
    reply = submit(
        slack,
        "UANA",
        metadata,
        yesterday="PI for ACME",
        today="book containers",
        blockers="waiting for the B/L draft",
    )
    assert reply.status == 200
    assert posts(slack, "CSTANDUP")[0]["text"].startswith(":sunrise:")
    [answer] = [p for p in posts(slack, "CSTANDUP") if p.get("thread_ts")]
    assert "book containers" in json.dumps(answer["blocks"])

    submit(
        slack,
        "UANA",
        metadata,
        yesterday="PI for ACME",
        today="book containers and a truck",
        blockers="waiting for the B/L draft",
    )
    channel, ts = sent(slack, "standups.answer:daily:UANA:2026-12-01")
    edits = [u.params for u in fake_slack.calls("chat.update") if u.params["ts"] == ts]
    assert [edit["channel"] for edit in edits] == [channel]
    assert "a truck" in json.dumps(edits[0]["blocks"])
    assert len([p for p in posts(slack, "CSTANDUP") if p.get("thread_ts")]) == 1  # no 2nd reply
    _, prompt_ts = sent(slack, "standups.prompt:daily:UANA:2026-12-01")
    [closed] = [u.params for u in fake_slack.calls("chat.update") if u.params["ts"] == prompt_ts]
    assert "Answered" in closed["text"]
    assert json.dumps(closed["blocks"]).count('"Edit"') == 1

    beat(slack, utc("2026-12-01 10:00"))  # 90 minutes after the prompt
    reminders = [p for p in posts(slack, "ULUIS") if "still waiting" in p["text"].lower()]
    assert len(reminders) == 1
    assert [p for p in posts(slack, "UANA") if "still waiting" in p["text"].lower()] == []

    beat(slack, utc("2026-12-01 12:30"))  # the cutoff, 4 hours after the prompt
    [line] = [p for p in posts(slack, "CSTANDUP") if "no answer yet" in p["text"].lower()]
    assert "boss" in line["text"] and "luis" in line["text"]
    assert "<@" not in json.dumps(line)  # names, never mentions
    assert line["thread_ts"] == sent(slack, "standups.digest:daily:2026-12-01")[1]

    [blocked] = [p for p in posts(slack, "UBOSS") if "blocked" in p["text"].lower()]
    help_button = blocked["blocks"][-1]["elements"][0]
    slack.press("UBOSS", help_button["action_id"], help_button["value"])
    slack.press("UBOSS", help_button["action_id"], help_button["value"])  # a second press
    slack.drain()
    told = [p for p in posts(slack, "UANA") if "will help you" in p["text"].lower()]
    assert len(told) == 1 and "<@UBOSS>" in told[0]["text"]
    notes = [p for p in posts(slack, "CSTANDUP") if "is helping" in p["text"].lower()]
    assert len(notes) == 1


def sent(slack, dedup_key):
    """Where the outbox message with this key landed: (channel, ts)."""
    with slack.core.read() as unit:
        row = unit.session.scalars(
            select(OutboxMessage).where(OutboxMessage.dedup_key == dedup_key)
        ).one()
        return row.sent_channel, row.sent_ts


def test_skip_today_closes_the_prompt_and_a_second_press_changes_nothing(madrid, fake_slack):
    slack = madrid
    beat(slack, PROMPT)
    prompt = next(p for p in posts(slack, "ULUIS") if "standup" in p["text"].lower())
    skip_button = prompt["blocks"][-1]["elements"][1]
    assert skip_button["text"]["text"] == "Skip today"
    slack.press("ULUIS", skip_button["action_id"], skip_button["value"])
    slack.press("ULUIS", skip_button["action_id"], skip_button["value"])
    answers = [c.params["text"] for c in fake_slack.calls("response_url")]
    assert answers[0].endswith("Skipped for today. See you tomorrow!")
    assert "already answered or skipped" in answers[1]
    _, prompt_ts = sent(slack, "standups.prompt:daily:ULUIS:2026-12-01")
    [closed] = [u.params for u in fake_slack.calls("chat.update") if u.params["ts"] == prompt_ts]
    assert "Skipped" in closed["text"]
    beat(slack, utc("2026-12-01 10:00"))
    assert [p for p in posts(slack, "ULUIS") if "still waiting" in p["text"].lower()] == []
