"""Tasks as plain values: one task, its story, a page of a list, an App Home, a change.

The outbox payload of a task notice is made and read here, so its two sides cannot drift.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.models import Task, TaskEvent
from storage.models.tasks import OPEN

from ..comments import CommentView
from ..paging import Page
from ..viewer import Viewer


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


@dataclass(frozen=True)
class Change:
    task: TaskView
    changed: bool  # False when the task already was that way (a repeated press or request)
    affected: tuple[str, ...] = ()  # members whose own open tasks changed (their App Home)


@dataclass(frozen=True)
class MessageLink:
    """The Slack message a task was made from."""

    channel: str
    ts: str
    permalink: str | None = None


@dataclass(frozen=True)
class TaskList:
    """One page of a list: `scope` is mine, team, overdue or person (then `person` is set)."""

    scope: str
    person: str | None
    page: Page[TaskView]


@dataclass(frozen=True)
class TaskHome:
    """A member's App Home: their soonest open tasks, and how many more there are."""

    owner: Viewer
    tasks: Sequence[TaskView]
    hidden: int


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


def notice_payload(task: Task, event: TaskEvent, **extra: Any) -> dict[str, Any]:
    """The task as it stood when `event` happened, for a notice sent later."""
    return {
        "task_id": task.id,
        "title": task.title,
        "status": task.status,
        "priority": task.priority,
        "due_at": iso(task.due_at),
        "assignee": task.assignee_id,
        "creator": task.creator_id,
        "actor": event.actor_id,
        "at": event.at.isoformat(),
        "source_link": task.source_link,
        **extra,
    }


def noticed_task(payload: dict[str, Any]) -> TaskView:
    """The task a notice's payload describes (see notice_payload)."""
    due = datetime.fromisoformat(payload["due_at"]) if payload.get("due_at") else None
    return TaskView(
        id=payload["task_id"],
        title=payload["title"],
        status=payload["status"],
        priority=payload["priority"],
        assignee_id=payload.get("assignee") or "",
        creator_id=payload.get("creator") or "",
        due_at=due,
        created_at=datetime.fromisoformat(payload["at"]),
        completed_at=None,
        source_channel=None,
        source_ts=None,
        source_link=payload.get("source_link"),
        overdue=False,
    )


def iso(instant: datetime | None) -> str | None:
    return instant.isoformat() if instant else None
