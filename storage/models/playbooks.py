"""Stage playbooks: which task each step of an order's stage checklist became.

Storage contract: a `playbook_steps` row links one task to the order, stage and step it was
handed out for. (order_id, stage, step, round) is unique: round 1 is the first time the order
entered the stage; a deliberate second hand-out of the same stage is round 2, and so on, so a
replayed change or a re-run import can never make a step's task twice. `required` is what the
config said when the task was made (a required open step keeps the order in its stage).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class PlaybookStep(Base):
    __tablename__ = "playbook_steps"
    __table_args__ = (UniqueConstraint("order_id", "stage", "step", "round"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(32))
    step: Mapped[str] = mapped_column(String(64))
    round: Mapped[int]
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), unique=True)
    required: Mapped[bool]
    # Why the task went where it did when that was not the plan (nobody had the role).
    note: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime]
