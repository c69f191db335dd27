"""Customer feedback: items, their comments, and the history of what happened to each.

Storage contract: `feedback.status` is one of open, in_progress, resolved. The due columns
are the SLA promised at creation (recomputed when the severity changes); `first_responded_at`
is the assignee's first action and `resolved_at` the latest resolution (cleared on reopen).
The `followed_*` columns are written by the scheduler alone: the deadline it last found
missed, one column per deadline (None: not followed). An item whose state no longer matches
them is out of step, and the next tick looks at it again.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

OPEN = "open"
IN_PROGRESS = "in_progress"
RESOLVED = "resolved"

# What a tick's escalations ask for besides missed deadlines not followed yet: followed
# deadlines out of step (answered, resolved, deadline moved), as SQL text that is both the
# partial index's condition and the query's, so both databases use the index.
_UNRESOLVED = "status IN ('open', 'in_progress')"
RESPONSE_OUT_OF_STEP = (
    f"followed_response_due_at IS NOT NULL AND (NOT {_UNRESOLVED}"
    " OR first_responded_at IS NOT NULL OR first_response_due_at <> followed_response_due_at)"
)
RESOLUTION_OUT_OF_STEP = (
    f"followed_resolution_due_at IS NOT NULL AND (NOT {_UNRESOLVED}"
    " OR resolution_due_at <> followed_resolution_due_at)"
)


def _partial(name: str, columns: tuple[str, ...], condition: str) -> Index:
    """Holding every column the condition names, so the planner prefers it to scanning a
    wider index that covers the query too."""
    return Index(name, *columns, sqlite_where=text(condition), postgresql_where=text(condition))


def _member_ref(index: bool = False) -> Mapped[str | None]:
    """A member who may leave: their rows stay, with the reference cleared."""
    return mapped_column(ForeignKey("members.slack_id", ondelete="SET NULL"), index=index)


class _LineOfItem:
    """What a comment and a history line share: they belong to one item and go with it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    feedback_id: Mapped[int] = mapped_column(
        ForeignKey("feedback.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime]


class FeedbackItem(Base):
    __tablename__ = "feedback"
    __table_args__ = (
        # The escalation sweep asks for unresolved items by due time.
        Index("ix_feedback_status_resolution_due_at", "status", "resolution_due_at"),
        # Missed deadlines of unresolved items not followed yet.
        Index(
            "ix_feedback_response_unfollowed",
            "status",
            "first_responded_at",
            "followed_response_due_at",
            "first_response_due_at",
        ),
        Index(
            "ix_feedback_resolution_unfollowed",
            "status",
            "followed_resolution_due_at",
            "resolution_due_at",
        ),
        _partial(
            "ix_feedback_response_out_of_step",
            ("followed_response_due_at", "status", "first_responded_at", "first_response_due_at"),
            RESPONSE_OUT_OF_STEP,
        ),
        _partial(
            "ix_feedback_resolution_out_of_step",
            ("followed_resolution_due_at", "status", "resolution_due_at"),
            RESOLUTION_OUT_OF_STEP,
        ),
        # The weekly summary reads a week's items by when they were logged, first answered
        # and resolved.
        Index("ix_feedback_created_at", "created_at"),
        Index("ix_feedback_first_responded_at", "first_responded_at"),
        Index("ix_feedback_resolved_at", "resolved_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    order_id: Mapped[int | None] = mapped_column(
        ForeignKey("orders.id", ondelete="SET NULL"), index=True
    )
    category: Mapped[str] = mapped_column(String(64))
    severity: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default=OPEN)
    text: Mapped[str] = mapped_column(Text)
    reporter_id: Mapped[str | None] = _member_ref()
    assignee_id: Mapped[str | None] = _member_ref(index=True)
    resolution: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    first_response_due_at: Mapped[datetime]
    resolution_due_at: Mapped[datetime]
    first_responded_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    followed_response_due_at: Mapped[datetime | None]
    followed_resolution_due_at: Mapped[datetime | None]


class FeedbackComment(_LineOfItem, Base):
    __tablename__ = "feedback_comments"

    author_id: Mapped[str | None] = _member_ref()
    text: Mapped[str] = mapped_column(Text)


class FeedbackEvent(_LineOfItem, Base):
    """One line of an item's history: created, assigned, started, resolved, reopened, severity."""

    __tablename__ = "feedback_events"

    actor_id: Mapped[str | None] = _member_ref()
    action: Mapped[str] = mapped_column(String(16))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str | None] = mapped_column(String(16))
    # What changed besides the status: the new assignee or severity, the resolution text.
    detail: Mapped[str | None] = mapped_column(Text)
