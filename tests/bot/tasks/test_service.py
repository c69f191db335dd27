"""The task service: who may do what, history, and notifications that are sent once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from bot import tasks, team
from bot.errors import InvalidInput, NotFound, PermissionDenied
from bot.team import SlackProfile
from storage.models import Member, OutboxMessage, Task, TaskEvent

NOW = datetime(2026, 12, 10, 1, 0, tzinfo=UTC)  # Thursday 09:00 in Shanghai


@pytest.fixture
def desk(unit):
    """A unit at a fixed instant with a small team: ana and li report to boss."""
    unit.now = NOW
    for slack_id in ["UADMIN", "UBOSS", "UANA", "ULI", "UWANG"]:
        profile = SlackProfile(slack_id=slack_id, name=slack_id.lower(), tz="Asia/Shanghai")
        team.upsert_profile(unit, profile)
    for report in ("UANA", "ULI"):
        unit.session.get(Member, report).manager_id = "UBOSS"
    return unit


def outbox(unit, kind=None):
    query = select(OutboxMessage).order_by(OutboxMessage.id)
    if kind:
        query = query.where(OutboxMessage.kind == kind)
    return list(unit.session.scalars(query))


def events(unit, task_id):
    query = select(TaskEvent.kind).where(TaskEvent.task_id == task_id).order_by(TaskEvent.id)
    return list(unit.session.scalars(query))


def new_task(unit, actor="UANA", assignee="ULI", due=NOW + timedelta(days=1), **kwargs):
    return tasks.create(unit, actor, "Send PI to ACME", assignee_id=assignee, due_at=due, **kwargs)


def test_a_task_for_someone_else_tells_them_once_with_the_details(desk):
    change = new_task(desk, priority="high")
    assert change.task.assignee_id == "ULI" and change.task.creator_id == "UANA"
    assert change.affected == ("ULI",)
    [message] = outbox(desk)
    assert (message.kind, message.recipient) == ("task.assigned", "ULI")
    assert message.payload["title"] == "Send PI to ACME"
    assert message.payload["priority"] == "high"
    assert message.payload["due_at"] == (NOW + timedelta(days=1)).isoformat()


def test_a_task_for_yourself_sends_nothing(desk):
    change = tasks.create(desk, "UANA", "Book container")
    assert change.task.assignee_id == "UANA"
    assert outbox(desk) == []


def test_a_title_is_one_trimmed_line(desk):
    change = tasks.create(desk, "UANA", "  Book\n container   for 1042 ")
    assert change.task.title == "Book container for 1042"


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("", "tasks.error.no_title"),
        ("   ", "tasks.error.no_title"),
        ("x" * 5000, "tasks.error.title_too_long"),
    ],
)
def test_a_missing_or_huge_title_is_refused_and_nothing_is_stored(desk, title, key):
    with pytest.raises(InvalidInput) as refused:
        tasks.create(desk, "UANA", title)
    assert refused.value.key == key
    assert desk.session.scalar(select(func.count()).select_from(Task)) == 0


def test_a_due_time_in_the_past_or_an_unknown_assignee_is_refused(desk):
    with pytest.raises(InvalidInput):
        new_task(desk, due=NOW - timedelta(minutes=1))
    with pytest.raises(NotFound):
        new_task(desk, assignee="UNOBODY")
    with pytest.raises(InvalidInput):
        new_task(desk, priority="urgent")


def test_completing_twice_completes_once_and_tells_the_creator_once(desk):
    task_id = new_task(desk).task.id
    first = tasks.complete(desk, "ULI", task_id)
    second = tasks.complete(desk, "ULI", task_id)
    assert first.changed and not second.changed
    assert second.task.status == "done" and second.task.completed_at == NOW
    assert [m.recipient for m in outbox(desk, "task.done")] == ["UANA"]
    assert events(desk, task_id) == ["created", "done"]


def test_a_manager_completing_a_task_tells_the_creator_and_the_assignee(desk):
    task_id = new_task(desk).task.id
    tasks.complete(desk, "UBOSS", task_id)
    assert [m.recipient for m in outbox(desk, "task.done")] == ["UANA", "ULI"]


def test_the_creator_completing_the_task_is_not_told_but_the_assignee_is(desk):
    task_id = new_task(desk).task.id
    tasks.complete(desk, "UANA", task_id)
    assert [m.recipient for m in outbox(desk, "task.done")] == ["ULI"]


def test_a_reopened_task_done_again_notifies_again(desk):
    task_id = new_task(desk).task.id
    tasks.complete(desk, "ULI", task_id)
    tasks.reopen(desk, "ULI", task_id)
    tasks.complete(desk, "ULI", task_id)
    assert len(outbox(desk, "task.done")) == 2
    assert tasks.reopen(desk, "ULI", task_id).task.completed_at is None


def test_assignee_creator_their_managers_and_admins_may_change_a_task(desk):
    task_id = new_task(desk).task.id
    assert tasks.set_due(desk, "ULI", task_id, NOW + timedelta(days=2)).changed
    assert tasks.set_due(desk, "UANA", task_id, NOW + timedelta(days=3)).changed
    assert tasks.set_due(desk, "UBOSS", task_id, NOW + timedelta(days=4)).changed
    assert tasks.set_due(desk, "UADMIN", task_id, NOW + timedelta(days=5)).changed


def test_anyone_else_is_refused_and_nothing_changes(desk):
    task_id = new_task(desk).task.id
    for change in (tasks.complete, tasks.cancel, tasks.reopen):
        with pytest.raises(PermissionDenied) as refused:
            change(desk, "UWANG", task_id)
        assert refused.value.params == {"id": task_id, "assignee": "ULI", "creator": "UANA"}
    with pytest.raises(PermissionDenied):
        tasks.assign(desk, "UWANG", task_id, "UWANG")
    with pytest.raises(PermissionDenied):
        tasks.set_due(desk, "UWANG", task_id, NOW + timedelta(days=9))
    assert tasks.get(desk, task_id).status == "open"
    assert events(desk, task_id) == ["created"]


def test_anyone_may_comment(desk):
    task_id = new_task(desk).task.id
    tasks.comment(desk, "UWANG", task_id, "ACME asked for the bank details too")
    [comment] = tasks.detail(desk, task_id).comments
    assert (comment.author_id, comment.text) == ("UWANG", "ACME asked for the bank details too")


def test_reassigning_tells_the_new_and_the_old_assignee_and_refreshes_both(desk):
    task_id = new_task(desk).task.id
    change = tasks.assign(desk, "UANA", task_id, "UWANG")
    assert change.affected == ("ULI", "UWANG")
    assert [m.recipient for m in outbox(desk, "task.assigned")] == ["ULI", "UWANG"]
    [changed] = outbox(desk, "task.changed")
    assert (changed.recipient, changed.payload["change"]) == ("ULI", "reassigned")
    assert tasks.detail(desk, task_id).history[-1].detail == {
        "previous": "ULI",
        "to": "UWANG",
    }


def test_assigning_to_yourself_sends_you_nothing(desk):
    task_id = new_task(desk).task.id
    tasks.assign(desk, "ULI", task_id, "ULI")
    tasks.assign(desk, "UANA", task_id, "UANA")
    assert [m.recipient for m in outbox(desk, "task.assigned")] == ["ULI"]
    assert [m.recipient for m in outbox(desk, "task.changed")] == ["ULI"]


def test_snooze_moves_the_due_a_day_once_per_button(desk):
    due = NOW + timedelta(hours=3)
    task_id = new_task(desk, due=due).task.id
    first = tasks.snooze(desk, "ULI", task_id, seen_due=due)
    again = tasks.snooze(desk, "ULI", task_id, seen_due=due)
    assert first.task.due_at == due + timedelta(days=1)
    assert not again.changed and again.task.due_at == due + timedelta(days=1)


def test_snoozing_an_overdue_task_gives_a_day_from_now_in_whole_minutes(desk):
    due = NOW + timedelta(hours=1)
    task_id = new_task(desk, due=due).task.id
    desk.now = NOW + timedelta(days=2, seconds=42, microseconds=7)
    snoozed = tasks.snooze(desk, "ULI", task_id, seen_due=due).task.due_at
    assert snoozed == NOW + timedelta(days=3)
    # The new button carries that due time in whole seconds, and snoozes again.
    again = datetime.fromtimestamp(int(snoozed.timestamp()), UTC)
    assert tasks.snooze(desk, "ULI", task_id, seen_due=again).task.due_at == NOW + timedelta(4)


def test_a_closed_task_cannot_be_moved_or_completed_until_reopened(desk):
    task_id = new_task(desk).task.id
    tasks.cancel(desk, "UANA", task_id)
    with pytest.raises(InvalidInput) as refused:
        tasks.complete(desk, "ULI", task_id)
    assert refused.value.key == "tasks.error.is_cancelled"
    with pytest.raises(InvalidInput):
        tasks.set_due(desk, "ULI", task_id, NOW + timedelta(days=3))
    assert tasks.reopen(desk, "ULI", task_id).task.status == "open"


def test_an_unknown_task_is_not_found(desk):
    with pytest.raises(NotFound) as missing:
        tasks.complete(desk, "ULI", 999)
    assert missing.value.params == {"id": 999}


def test_open_tasks_come_soonest_due_first_with_undated_ones_last_and_overdue_marked(desk):
    later = new_task(desk, due=NOW + timedelta(days=5)).task.id
    undated = new_task(desk, due=None).task.id
    sooner = new_task(desk, due=NOW + timedelta(hours=2)).task.id
    done = new_task(desk, due=NOW + timedelta(hours=1)).task.id
    tasks.complete(desk, "ULI", done)
    desk.now = NOW + timedelta(hours=3)
    listed = tasks.open_tasks(desk, assignee_id="ULI")
    assert [task.id for task in listed] == [sooner, later, undated]
    assert [task.overdue for task in listed] == [True, False, False]
    assert [t.id for t in tasks.open_tasks(desk, overdue_only=True)] == [sooner]


def test_a_task_made_from_a_message_keeps_the_link(desk):
    link = tasks.MessageLink("C1", "1700000000.000100", "https://x.slack.com/archives/C1/p1")
    change = tasks.create(desk, "UANA", "Quote for ACME", source=link)
    assert (change.task.source_channel, change.task.source_ts) == ("C1", "1700000000.000100")
    assert change.task.source_link == "https://x.slack.com/archives/C1/p1"
