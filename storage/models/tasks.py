"""The team's shared to-do list: tasks, their comments and their history.

Storage contract: `tasks.status` is one of open, done, cancelled; `priority` one of high,
normal, low. `due_at` is a UTC instant (None: no due date). `completed_at` is set while the
task is done and cleared on reopen. The source columns link a task made from a Slack message
back to it (channel id, message ts, permalink). `task_events` is append-only history; its ids
key notifications, so a repeated press or a replayed request cannot notify twice.
`followed_due_at` is written by the scheduler alone: the due time it last found the task late
at (None: not followed). A task whose state no longer matches it is out of step, and the
next tick looks at it again; nothing else needs to keep it up to date.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

OPEN = "open"
DONE = "done"
CANCELLED = "cancelled"
TITLE_MAX = 300
# Followed as late, and since then done, cancelled or given another due time. The same SQL
# text is the index's condition and the query's, so both databases use the partial index.
FOLLOWED_OUT_OF_STEP = (
    "followed_due_at IS NOT NULL"
    " AND (status <> 'open' OR due_at IS NULL OR due_at <> followed_due_at)"
)


class Task(Base):
    __tablename__ = "tasks"
    # Lists and the overdue sweep ask for open tasks by due time; the weekly summary counts
    # who had tasks overdue at an instant from the index alone.
    __table_args__ = (
        Index(
            "ix_tasks_status_due_at_created_at_assignee_id",
            "status",
            "due_at",
            "created_at",
            "assignee_id",
        ),
        # A member's own list (`/task list`, App Home): their open tasks, soonest due first.
        Index("ix_tasks_assignee_id_status_due_at", "assignee_id", "status", "due_at"),
        # The weekly summary counts tasks made and done in a week.
        Index("ix_tasks_created_at", "created_at"),
        Index("ix_tasks_completed_at_due_at", "completed_at", "due_at"),
        # A tick's escalations: open tasks come due and not followed yet, and followed ones
        # out of step; both as small as what changed, whatever the size of the table.
        Index("ix_tasks_status_followed_due_at_due_at", "status", "followed_due_at", "due_at"),
        Index(  # covering: the planner takes it over scanning the index above
            "ix_tasks_followed_out_of_step",
            "followed_due_at",
            "status",
            "due_at",
            sqlite_where=text(FOLLOWED_OUT_OF_STEP),
            postgresql_where=text(FOLLOWED_OUT_OF_STEP),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    status: Mapped[str] = mapped_column(String(16), default=OPEN)
    priority: Mapped[str] = mapped_column(String(8), default="normal")
    assignee_id: Mapped[str] = mapped_column(ForeignKey("members.slack_id"), index=True)
    creator_id: Mapped[str] = mapped_column(ForeignKey("members.slack_id"))
    due_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    completed_at: Mapped[datetime | None]
    source_channel: Mapped[str | None] = mapped_column(String(32))
    source_ts: Mapped[str | None] = mapped_column(String(32))
    source_link: Mapped[str | None] = mapped_column(String(500))
    followed_due_at: Mapped[datetime | None]


class TaskComment(Base):
    __tablename__ = "task_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[str | None] = mapped_column(
        ForeignKey("members.slack_id", ondelete="SET NULL")
    )
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


class TaskEvent(Base):
    """One line of a task's history: created, done, reopened, cancelled, assigned, due."""

    __tablename__ = "task_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    # None for changes the bot makes on its own (the scheduler).
    actor_id: Mapped[str | None] = mapped_column(
        ForeignKey("members.slack_id", ondelete="SET NULL")
    )
    kind: Mapped[str] = mapped_column(String(16))
    # {"from": old, "to": new} as plain values (member ids, ISO instants), when it changed.
    detail: Mapped[dict[str, Any]]
    at: Mapped[datetime]
