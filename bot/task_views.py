"""Tasks as plain values, and the questions asked about them (lists, one task in full).

Lists are sorted by due time (tasks without one last), then by id. For the scheduler:
`open_tasks(unit, overdue_only=True)` is every open task whose due time has passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from storage.models import Task, TaskComment, TaskEvent
from storage.models.tasks import OPEN

from .comments import CommentView
from .errors import NotFound
from .unit import Unit


@dataclass(frozen=True)
class TaskView:
    id: int
    title: str
    status: str  # open, done, cancelled
    priority: str  # high, normal, low
    assignee_id: str
    creator_id: str
    due_at: datetime | None  # UTC
    created_at: datetime
    completed_at: datetime | None
    source_channel: str | None
    source_ts: str | None
    source_link: str | None
    overdue: bool  # open and past its due time, as of the unit's "now"


@dataclass(frozen=True)
class EventView:
    actor_id: str | None
    kind: str  # created, done, reopened, cancelled, assigned, due, snoozed
    detail: dict[str, Any]
    at: datetime


@dataclass(frozen=True)
class TaskDetail:
    task: TaskView
    comments: tuple[CommentView, ...]
    history: tuple[EventView, ...]


def task_view(task: Task, now: datetime) -> TaskView:
    overdue = task.status == OPEN and task.due_at is not None and task.due_at < now
    return TaskView(
        id=task.id,
        title=task.title,
        status=task.status,
        priority=task.priority,
        assignee_id=task.assignee_id,
        creator_id=task.creator_id,
        due_at=task.due_at,
        created_at=task.created_at,
        completed_at=task.completed_at,
        source_channel=task.source_channel,
        source_ts=task.source_ts,
        source_link=task.source_link,
        overdue=overdue,
    )


def get(unit: Unit, task_id: int) -> TaskView:
    task = unit.session.get(Task, task_id)
    if task is None:
        raise NotFound("tasks.error.not_found", id=task_id)
    return task_view(task, unit.now)


def detail(unit: Unit, task_id: int) -> TaskDetail:
    task = get(unit, task_id)
    comments = unit.session.scalars(
        select(TaskComment).where(TaskComment.task_id == task_id).order_by(TaskComment.id)
    )
    events = unit.session.scalars(
        select(TaskEvent).where(TaskEvent.task_id == task_id).order_by(TaskEvent.id)
    )
    return TaskDetail(
        task,
        tuple(CommentView(c.author_id, c.text, c.created_at) for c in comments),
        tuple(EventView(e.actor_id, e.kind, dict(e.detail), e.at) for e in events),
    )


def open_tasks(
    unit: Unit, *, assignee_id: str | None = None, overdue_only: bool = False
) -> list[TaskView]:
    """Open tasks (of one assignee, or everyone's), soonest due first."""
    query = select(Task).where(Task.status == OPEN)
    if assignee_id is not None:
        query = query.where(Task.assignee_id == assignee_id)
    if overdue_only:
        query = query.where(Task.due_at < unit.now)
    query = query.order_by(Task.due_at.is_(None), Task.due_at, Task.id)
    return [task_view(task, unit.now) for task in unit.session.scalars(query)]
