"""Escalation chains: something late (a task, an order, a payment, a complaint) and who is
told about it, level by level, until someone acknowledges it or the thing is dealt with.

Storage contract: `key` is unique per late thing and the moment it became late
("task:12@1793512800"), so a second tick or replica cannot start a second chain for it.
`steps` is the policy resolved when the chain started, as a list of
{"level", "to", "after_hours", "due_at" (ISO), "recipients" [member or channel ids]}: a later
change of config or of managers does not re-route it. `next_step` counts the steps whose
messages are all queued; `told` lists everyone a message of this chain was queued for.
`next_action_at` is the earliest instant a message of the chain may be due and deliverable
(its next step's time, or the next work start of a recipient still waiting), null once every
message is queued: a tick reads only the chains whose moment has come. Earlier than needed
is harmless (the chain is looked at and the instant moved on).
A chain is open while `ended_at` is null; acknowledging it stops the steps, not the chain.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, JSONType


class EscalationChain(Base):
    __tablename__ = "escalation_chains"
    # Every tick asks for the open chains; the weekly summary for a week's new ones.
    __table_args__ = (
        Index("ix_escalation_chains_ended_at", "ended_at"),
        Index("ix_escalation_chains_created_at", "created_at"),
        Index("ix_escalation_chains_next_action_at", "next_action_at"),
        # The open chains whose moment has come: with ended_at first, both databases range
        # over them instead of reading every open chain by ended_at alone.
        Index("ix_escalation_chains_ended_at_next_action_at", "ended_at", "next_action_at"),
        # The open chains of the things a tick found out of step.
        Index("ix_escalation_chains_kind_subject_id", "kind", "subject_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # task, order, payment, feedback
    subject: Mapped[str] = mapped_column(String(100))  # "task:12", "order:5:production", ...
    subject_id: Mapped[int]
    owner_id: Mapped[str | None] = mapped_column(
        ForeignKey("members.slack_id", ondelete="SET NULL")
    )
    title: Mapped[str] = mapped_column(Text)  # what messages call it (a snapshot)
    detail: Mapped[dict[str, Any]]  # the kind's own facts for messages (stage names, amount)
    late_since: Mapped[datetime]
    steps: Mapped[list[dict[str, Any]]] = mapped_column(JSONType)
    next_step: Mapped[int] = mapped_column(default=0)
    next_action_at: Mapped[datetime | None]
    told: Mapped[list[str]] = mapped_column(JSONType, default=list)
    acknowledged_by: Mapped[str | None] = mapped_column(String(32))
    acknowledged_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    ended_by: Mapped[str | None] = mapped_column(String(32))
    end_reason: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime]
