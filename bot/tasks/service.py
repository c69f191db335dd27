"""What changes tasks: creating, completing, reopening, cancelling, reassigning, moving.

Anyone creates a task; the assignee, the creator, their managers (up the chain) and admins
complete, reopen, cancel, reassign or move it. Every change is a `TaskEvent`; notifications
are keyed by that event's id, so a repeated press (already done: no event) sends nothing.
The assignee is told of changes to their task, the creator (and the assignee, when someone
else closed it) of its completion; nobody is told about their own action.

The Slack side calls the entry points that take `core` (each one write unit); the functions
taking `unit` are the building blocks they are made of.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from storage.models import Task, TaskComment, TaskEvent
from storage.models.tasks import CANCELLED, DONE, OPEN

from .. import outbox, team
from ..core import Core
from ..errors import InvalidInput, NotFound, PermissionDenied
from ..unit import Unit
from .parsing import NewTask, TaskForm, clean_title, due_of, due_or_none, picked_due
from .views import Change, MessageLink, TaskView, iso, notice_payload, task_view

PRIORITIES = ("high", "normal", "low")
COMMENT_MAX = 3000
SNOOZE_BY = timedelta(days=1)


def add(core: Core, actor_id: str, wanted: NewTask, assignee_id: str, zone: ZoneInfo) -> Change:
    """`/task add`: the due words are read in the author's zone."""
    with core.write() as unit:
        due_at = due_of(wanted, zone, unit.now)
        return create(
            unit,
            actor_id,
            wanted.title,
            assignee_id=assignee_id,
            due_at=due_at,
            priority=wanted.priority,
        )


def add_from_form(core: Core, actor_id: str, form: TaskForm, zone: ZoneInfo) -> Change:
    """The "new task" form (from /task add, App Home or a message's shortcut)."""
    due_at = picked_due(form, zone)
    with core.write() as unit:
        return create(
            unit,
            actor_id,
            form.title,
            assignee_id=form.assignee_id,
            due_at=due_at,
            priority=form.priority,
            source=form.source,
        )


def set_status(core: Core, actor_id: str, task_id: int, status: str) -> Change:
    """Done, reopened or cancelled (/task done|reopen|cancel and the Done button)."""
    change = {DONE: complete, OPEN: reopen, CANCELLED: cancel}[status]
    with core.write() as unit:
        return change(unit, actor_id, task_id)


def reassign(core: Core, actor_id: str, task_id: int, assignee_id: str) -> Change:
    with core.write() as unit:
        return assign(unit, actor_id, task_id, assignee_id)


def reschedule(core: Core, actor_id: str, task_id: int, words: str, zone: ZoneInfo) -> Change:
    """`/task due`: a new due time in the author's words, or none."""
    with core.write() as unit:
        return set_due(unit, actor_id, task_id, due_or_none(words, zone, unit.now))


def postpone(core: Core, actor_id: str, task_id: int, seen_due: datetime | None) -> Change:
    """The Snooze button (see snooze)."""
    with core.write() as unit:
        return snooze(unit, actor_id, task_id, seen_due)


def add_comment(core: Core, actor_id: str, task_id: int, text: str) -> TaskView:
    with core.write() as unit:
        return comment(unit, actor_id, task_id, text)


def create(
    unit: Unit,
    actor_id: str,
    title: str,
    *,
    assignee_id: str | None = None,
    due_at: datetime | None = None,
    priority: str = "normal",
    source: MessageLink | None = None,
    tell: bool = True,  # False: the caller tells the assignee itself (a playbook's list)
) -> Change:
    assignee_id = assignee_id or actor_id
    task = Task(
        title=clean_title(title),
        status=OPEN,
        priority=_checked_priority(priority),
        assignee_id=_known_member(unit, assignee_id),
        creator_id=actor_id,
        due_at=_future(unit, due_at),
        created_at=unit.now,
        updated_at=unit.now,
    )
    if source is not None:
        task.source_channel, task.source_ts = source.channel, source.ts
        task.source_link = source.permalink
    unit.session.add(task)
    unit.session.flush()
    event = _record(unit, task, actor_id, "created", to=assignee_id)
    if tell:
        _tell(unit, task, event, "task.assigned", task.assignee_id)
    return Change(task_view(task, unit.now), True, (task.assignee_id,))


def complete(unit: Unit, actor_id: str, task_id: int) -> Change:
    task = _changeable(unit, actor_id, task_id)
    if task.status == DONE:
        return _unchanged(unit, task)
    _require_open(task)
    task.status, task.completed_at = DONE, unit.now
    event = _record(unit, task, actor_id, "done")
    for told in dict.fromkeys((task.creator_id, task.assignee_id)):  # a manager may close it
        _tell(unit, task, event, "task.done", told)
    return _changed(unit, task, task.assignee_id)


def reopen(unit: Unit, actor_id: str, task_id: int) -> Change:
    task = _changeable(unit, actor_id, task_id)
    if task.status == OPEN:
        return _unchanged(unit, task)
    previous = task.status
    task.status, task.completed_at = OPEN, None
    event = _record(unit, task, actor_id, "reopened", previous=previous)
    _tell(unit, task, event, "task.changed", task.assignee_id, change="reopened")
    return _changed(unit, task, task.assignee_id)


def cancel(unit: Unit, actor_id: str, task_id: int) -> Change:
    task = _changeable(unit, actor_id, task_id)
    if task.status == CANCELLED:
        return _unchanged(unit, task)
    _require_open(task)
    task.status = CANCELLED
    event = _record(unit, task, actor_id, "cancelled")
    _tell(unit, task, event, "task.changed", task.assignee_id, change="cancelled")
    return _changed(unit, task, task.assignee_id)


def assign(unit: Unit, actor_id: str, task_id: int, assignee_id: str) -> Change:
    task = _changeable(unit, actor_id, task_id)
    _require_open(task)
    if task.assignee_id == assignee_id:
        return _unchanged(unit, task)
    previous, task.assignee_id = task.assignee_id, _known_member(unit, assignee_id)
    event = _record(unit, task, actor_id, "assigned", previous=previous, to=assignee_id)
    _tell(unit, task, event, "task.assigned", assignee_id, previous=previous)
    _tell(unit, task, event, "task.changed", previous, change="reassigned")
    return _changed(unit, task, previous, assignee_id)


def set_due(unit: Unit, actor_id: str, task_id: int, due_at: datetime | None) -> Change:
    task = _changeable(unit, actor_id, task_id)
    _require_open(task)
    if task.due_at == due_at:
        return _unchanged(unit, task)
    return _move_due(unit, task, actor_id, _future(unit, due_at), "due")


def snooze(unit: Unit, actor_id: str, task_id: int, seen_due: datetime | None) -> Change:
    """Push the due time a day on; `seen_due` is the due the button showed, so a second
    press (or Slack re-sending it) finds the task already moved and changes nothing."""
    task = _changeable(unit, actor_id, task_id)
    _require_open(task)
    if task.due_at != seen_due:
        return _unchanged(unit, task)
    start = max(task.due_at or unit.now, unit.now)
    # Whole minutes, like every due time: the new button carries it in whole seconds.
    due_at = (start + SNOOZE_BY).replace(second=0, microsecond=0)
    return _move_due(unit, task, actor_id, due_at, "snoozed")


def comment(unit: Unit, actor_id: str, task_id: int, text: str) -> TaskView:
    task = _task(unit, task_id, lock=True)
    text = text.strip()
    if not text:
        raise InvalidInput("tasks.error.no_comment")
    if len(text) > COMMENT_MAX:
        raise InvalidInput("tasks.error.comment_too_long", max=COMMENT_MAX, length=len(text))
    unit.session.add(
        TaskComment(task_id=task.id, author_id=actor_id, text=text, created_at=unit.now)
    )
    task.updated_at = unit.now
    return task_view(task, unit.now)


def _move_due(unit: Unit, task: Task, actor_id: str, due_at: datetime | None, kind: str) -> Change:
    previous, task.due_at = task.due_at, due_at
    event = _record(unit, task, actor_id, kind, previous=iso(previous), to=iso(due_at))
    _tell(unit, task, event, "task.changed", task.assignee_id, change=kind)
    return _changed(unit, task, task.assignee_id)


def _task(unit: Unit, task_id: int, lock: bool = False) -> Task:
    task = unit.session.get(Task, task_id, with_for_update=lock)
    if task is None:
        raise NotFound("tasks.error.not_found", id=task_id)
    return task


def _changeable(unit: Unit, actor_id: str, task_id: int) -> Task:
    # The row lock serialises two presses of one button on PostgreSQL (SQLite has one writer).
    task = _task(unit, task_id, lock=True)
    if not team.may_act_for(unit, actor_id, task.assignee_id, task.creator_id):
        raise PermissionDenied(
            "tasks.error.not_yours", id=task.id, assignee=task.assignee_id, creator=task.creator_id
        )
    return task


def _require_open(task: Task) -> None:
    if task.status != OPEN:
        raise InvalidInput(f"tasks.error.is_{task.status}", id=task.id)


def _checked_priority(priority: str) -> str:
    if priority not in PRIORITIES:
        raise InvalidInput("tasks.error.unknown_priority", priority=priority)
    return priority


def _known_member(unit: Unit, slack_id: str) -> str:
    member = team.find(unit, slack_id)
    if member is None or not member.active:
        raise NotFound("team.error.unknown_member", member=slack_id)
    return slack_id


def _future(unit: Unit, due_at: datetime | None) -> datetime | None:
    if due_at is not None and due_at <= unit.now:
        raise InvalidInput("tasks.error.due_in_past")
    return due_at


def _record(unit: Unit, task: Task, actor_id: str, kind: str, **detail: Any) -> TaskEvent:
    task.updated_at = unit.now
    event = TaskEvent(task_id=task.id, actor_id=actor_id, kind=kind, detail=detail, at=unit.now)
    unit.session.add(event)
    unit.session.flush()
    return event


def _tell(
    unit: Unit, task: Task, event: TaskEvent, kind: str, recipient: str | None, **extra: Any
) -> None:
    if recipient is None or recipient == event.actor_id:
        return  # nobody is told about their own action
    payload = notice_payload(task, event, **extra)
    outbox.enqueue(unit, f"{kind}:{task.id}:{event.id}:{recipient}", kind, recipient, payload)


def _changed(unit: Unit, task: Task, *affected: str) -> Change:
    return Change(task_view(task, unit.now), True, tuple(dict.fromkeys(affected)))


def _unchanged(unit: Unit, task: Task) -> Change:
    return Change(task_view(task, unit.now), False)
