"""What of the tasks is late or due, for the escalation chains and the morning list: an open
task is late from its due time on."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import select

from storage.models import Task
from storage.models.tasks import OPEN

from ..lateness import Agenda, Late, LateKeys, chunks, late_key
from ..unit import Unit


def late_keys(unit: Unit) -> LateKeys:
    query = select(Task.id, Task.due_at).where(Task.status == OPEN, Task.due_at <= unit.now)
    rows = unit.session.execute(query)
    return {late_key(f"task:{id_}", due_at): id_ for id_, due_at in rows if due_at is not None}


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
