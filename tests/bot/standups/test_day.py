"""A standup day as the outbox sees it: answers in one thread, edits, reminders, the cutoff
line, blockers to the manager, and help offered once."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from bot import outbox, standups, team
from bot.errors import InvalidInput, PermissionDenied
from bot.scheduler import tick
from bot.team import SlackProfile
from storage.models import Member, OutboxMessage

DAY = date(2026, 12, 1)  # a Tuesday
MADRID_PROMPT = datetime(2026, 12, 1, 8, 30, tzinfo=UTC)  # 09:30 in Madrid


def utc(text):
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture
def desk(core):
    """ana and luis in Madrid report to boss; nobody else takes part."""
    core.wake_dispatcher = lambda: None
    with core.write() as unit:
        for slack_id, name in [("UBOSS", "boss"), ("UANA", "ana"), ("ULUIS", "luis")]:
            team.upsert_profile(unit, SlackProfile(slack_id, name, tz="Europe/Madrid"))
        for report in ("UANA", "ULUIS"):
            unit.session.get(Member, report).manager_id = "UBOSS"
    return core  # the conftest settings post the digest to CSTANDUP


def messages(core, kind=None):
    with core.read() as unit:
        query = select(OutboxMessage).order_by(OutboxMessage.id)
        if kind:
            query = query.where(OutboxMessage.kind == kind)
        return list(unit.session.scalars(query))


def entry_id(core, member):
    prompt = next(m for m in messages(core, "standups.prompt") if m.recipient == member)
    return prompt.payload["entry"]


def answer(core, member, **answers):
    return standups.answer(core, member, "daily", DAY, answers)


def test_answers_go_into_one_thread_per_day_and_an_edit_updates_the_reply(desk):
    tick(desk, MADRID_PROMPT)
    answer(desk, "UANA", yesterday="PI for ACME", today="book the container", blockers="no")
    answer(desk, "ULUIS", today="chase the deposit")
    answer(desk, "UANA", yesterday="PI for ACME", today="book the container and the truck")
    parents = messages(desk, "standups.digest")
    replies = messages(desk, "standups.answer")
    assert [p.recipient for p in parents] == ["CSTANDUP"]
    assert [r.payload[outbox.THREAD_KEY] for r in replies] == [parents[0].dedup_key] * 3
    first, luis, edit = replies
    assert outbox.UPDATE_KEY not in first.payload
    assert edit.payload[outbox.UPDATE_KEY] == first.dedup_key  # an edit, not a second reply
    assert [a["text"] for a in edit.payload["answers"]][1] == "book the container and the truck"
    assert luis.payload["name"] == "luis"


def test_answering_turns_the_prompt_into_answered_once(desk):
    tick(desk, MADRID_PROMPT)
    answer(desk, "UANA", today="book the container")
    answer(desk, "UANA", today="book the truck")
    closed = messages(desk, "standups.prompt_closed")
    assert [(m.recipient, m.payload["status"]) for m in closed] == [("UANA", "answered")]
    assert closed[0].payload[outbox.UPDATE_KEY] == "standups.prompt:daily:UANA:2026-12-01"


def test_a_submission_with_every_answer_empty_is_refused_and_changes_nothing(desk):
    tick(desk, MADRID_PROMPT)
    with pytest.raises(InvalidInput) as refused:
        answer(desk, "UANA", yesterday="  ", today="", blockers="")
    assert refused.value.key == "standups.error.all_empty"
    assert messages(desk, "standups.answer") == []


def test_one_reminder_goes_to_those_who_neither_answered_nor_skipped(desk):
    tick(desk, MADRID_PROMPT)
    answer(desk, "UANA", today="book the container")
    standups.skip(desk, "ULUIS", entry_id(desk, "ULUIS"))
    tick(desk, utc("2026-12-01 09:59"))  # 89 minutes after the prompt
    assert messages(desk, "standups.reminder") == []
    tick(desk, utc("2026-12-01 10:00"))
    tick(desk, utc("2026-12-01 10:30"))
    assert [m.recipient for m in messages(desk, "standups.reminder")] == ["UBOSS"]


def test_after_the_cutoff_one_line_names_who_did_not_answer_without_mentions(desk):
    tick(desk, MADRID_PROMPT)
    answer(desk, "UANA", today="book the container")
    tick(desk, utc("2026-12-01 12:29"))  # the cutoff is 4 hours after the prompt
    assert messages(desk, "standups.missing") == []
    tick(desk, utc("2026-12-01 12:30"))
    tick(desk, utc("2026-12-01 12:45"))
    [line] = messages(desk, "standups.missing")
    assert line.payload["names"] == ["boss", "luis"]
    assert line.payload[outbox.THREAD_KEY] == "standups.digest:daily:2026-12-01"


def test_away_members_are_not_reminded_nor_listed_as_missing(desk):
    tick(desk, MADRID_PROMPT)
    standups.set_away(desk, "UBOSS", "ULUIS", DAY, date(2026, 12, 4))  # a manager sets it
    answer(desk, "UANA", today="book the container")
    tick(desk, utc("2026-12-01 10:00"))
    tick(desk, utc("2026-12-01 12:30"))
    assert [m.recipient for m in messages(desk, "standups.reminder")] == ["UBOSS"]
    assert messages(desk, "standups.missing")[0].payload["names"] == ["boss"]


def test_only_the_member_their_managers_or_an_admin_set_someone_away(desk):
    with pytest.raises(PermissionDenied):
        standups.set_away(desk, "UANA", "ULUIS", DAY, DAY)


def test_a_blocker_is_flagged_and_sent_to_the_manager_once(desk):
    tick(desk, MADRID_PROMPT)
    answer(desk, "UANA", today="ship", blockers="waiting for the B/L draft from the carrier")
    answer(desk, "UANA", today="ship", blockers="still waiting for the B/L draft")
    [dm] = messages(desk, "standups.blocker")
    assert dm.recipient == "UBOSS"
    assert dm.payload["blocker"] == "waiting for the B/L draft from the carrier"
    assert messages(desk, "standups.answer")[0].payload["blocker"] is True


@pytest.mark.parametrize("nothing", ["no", "None.", "n/a", "-", "无", "没有", ""])
def test_a_blockers_answer_that_says_nothing_is_no_blocker(desk, nothing):
    tick(desk, MADRID_PROMPT)
    answer(desk, "UANA", today="ship", blockers=nothing)
    assert messages(desk, "standups.blocker") == []


def test_ill_help_tells_the_member_and_the_thread_once_and_names_the_first_helper(desk):
    tick(desk, MADRID_PROMPT)
    answer(desk, "UANA", today="ship", blockers="the bank wants the original B/L")
    ana = entry_id(desk, "UANA")
    with desk.write() as unit:
        team.upsert_profile(unit, SlackProfile("UADMIN", "admin", tz="Europe/Madrid"))
    first = standups.help_with_blocker(desk, "UBOSS", ana)
    again = standups.help_with_blocker(desk, "UADMIN", ana)
    assert (first.first, again.first, again.helper_id) == (True, False, "UBOSS")
    assert [m.recipient for m in messages(desk, "standups.helping")] == ["UANA"]
    [note] = messages(desk, "standups.helping_note")
    assert note.payload[outbox.THREAD_KEY] == "standups.digest:daily:2026-12-01"


def test_yesterdays_plan_is_the_hint_for_what_was_finished(desk):
    tick(desk, MADRID_PROMPT)
    answer(desk, "UANA", today="book the container")
    form = standups.answer_form(desk, "UANA", day=date(2026, 12, 2))
    assert form.planned_yesterday == "book the container"
    assert [q.key for q in form.questions] == ["yesterday", "today", "blockers"]


def test_stats_count_participation_streak_and_blockers(desk):
    for day in (1, 2, 3):
        at = datetime(2026, 12, day, 8, 30, tzinfo=UTC)
        tick(desk, at)
        if day != 2:
            standups.answer(desk, "UANA", "daily", date(2026, 12, day), {"blockers": "customs"})
    desk.clock.now = lambda: utc("2026-12-03 18:00")
    found = standups.stats(desk, "UANA", weeks=4)
    assert (found.asked, found.answered, found.rate, found.streak, found.blockers) == (
        3, 2, 67, 1, 2,
    )  # fmt: skip
