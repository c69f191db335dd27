"""What of the tasks is late or due, for the escalation chains and the morning list: an open
task is late from its due time on."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import select, text, update

from storage import db
from storage.models import Task
from storage.models.tasks import FOLLOWED_OUT_OF_STEP, OPEN

from ..lateness import Agenda, Late, Source, chunks
from ..unit import Unit


def out_of_step(unit: Unit) -> set[int]:
    """Open tasks come due and not followed yet, and followed ones done, cancelled or
    given another due time since."""
    unfollowed = select(Task.id).where(
        Task.status == OPEN, Task.followed_due_at.is_(None), Task.due_at <= unit.now
    )
    moved = select(Task.id).where(text(FOLLOWED_OUT_OF_STEP))
    return set(unit.session.scalars(unfollowed)) | set(unit.session.scalars(moved))


def follow(unit: Unit, ids: Collection[int], late: list[Late]) -> None:
    """Each task marked with the due time it was found late at (the value read, not the
    column: a change committed meanwhile stays out of step), the others unmarked."""
    marks = {item.subject_id: item.since for item in late}
    for part in db.in_slices(sorted(set(ids) - set(marks))):
        unit.session.execute(update(Task).where(Task.id.in_(part)).values(followed_due_at=None))
    if marks:
        rows = [{"id": id_, "followed_due_at": since} for id_, since in sorted(marks.items())]
        unit.session.execute(update(Task), rows)


def late(unit: Unit, among: Collection[int] | None = None) -> list[Late]:
    """The late tasks (those of `among` only, when given)."""
    found = []
    for ids in chunks(among):
        query = select(Task).where(Task.status == OPEN, Task.due_at <= unit.now)
        query = query if ids is None else query.where(Task.id.in_(ids))
        found += [
            _late(task) for task in unit.session.scalars(query.order_by(Task.due_at, Task.id))
        ]
    return found


def _late(task: Task) -> Late:
    assert task.due_at is not None
    detail = {"priority": task.priority, "due_at": task.due_at.isoformat()}
    return Late("task", f"task:{task.id}", task.id, task.due_at, task.assignee_id, task.title,
                detail)  # fmt: skip


SOURCE = Source("task", out_of_step, late, follow)


def outcome(unit: Unit, task_id: int) -> str:
    """What became of a task that is no longer late: done, cancelled or rescheduled."""
    task = unit.session.get(Task, task_id)
    if task is None:
        return "gone"
    return {"done": "done", "cancelled": "cancelled"}.get(task.status, "rescheduled")


def agenda(unit: Unit, member_id: str, until: datetime) -> list[Agenda]:
    """The member's open tasks due before `until` (the end of their day), overdue ones too."""
    query = select(Task).where(
        Task.status == OPEN, Task.assignee_id == member_id, Task.due_at < until
    )
    return [
        Agenda("task", task.id, task.title, task.due_at, task.due_at <= unit.now,
               task.created_at, {"due_at": task.due_at.isoformat()})
        for task in unit.session.scalars(query.order_by(Task.due_at, Task.id))
        if task.due_at is not None
    ]  # fmt: skip
