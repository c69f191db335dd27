"""Daily standups: who was asked on which day, what they answered, and who is away.

Storage contract: one `standup_entries` row per standup, member and local day, keyed by
`key` ("<standup>:<member>:<YYYY-MM-DD>", unique), created when the prompt is queued, so a
second tick, a restart or a replica finds it and queues nothing twice. `status` is prompted,
answered or skipped. `answers` maps question keys to text; `revision` counts submissions (each
edit of the posted reply is its own outbox message). `standup_days` has one row per standup
and local day, also keyed ("<standup>:<YYYY-MM-DD>"); `closed_at` is set once the day's
"who did not answer" line is queued. `standup_absences` are inclusive local date ranges.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

PROMPTED = "prompted"
ANSWERED = "answered"
SKIPPED = "skipped"


class StandupEntry(Base):
    __tablename__ = "standup_entries"
    # The reminder and cutoff sweeps look for prompted entries; reports read one day.
    __table_args__ = (
        Index("ix_standup_entries_status_prompted_at", "status", "prompted_at"),
        # Reminders look only at entries still prompted whose cutoff has not passed.
        Index("ix_standup_entries_status_cutoff_at", "status", "cutoff_at"),
        Index("ix_standup_entries_standup_day", "standup", "day"),
        Index("ix_standup_entries_member_id_day", "member_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    standup: Mapped[str] = mapped_column(String(64))
    member_id: Mapped[str] = mapped_column(ForeignKey("members.slack_id", ondelete="CASCADE"))
    day: Mapped[date]
    status: Mapped[str] = mapped_column(String(16), default=PROMPTED)
    prompted_at: Mapped[datetime]
    cutoff_at: Mapped[datetime]  # after this the member counts as not having answered
    reminded_at: Mapped[datetime | None]
    answers: Mapped[dict[str, Any] | None]
    revision: Mapped[int] = mapped_column(default=0)
    answered_at: Mapped[datetime | None]
    has_blocker: Mapped[bool] = mapped_column(default=False)
    helper_id: Mapped[str | None] = mapped_column(
        ForeignKey("members.slack_id", ondelete="SET NULL")
    )
    helped_at: Mapped[datetime | None]


class StandupDay(Base):
    __tablename__ = "standup_days"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    standup: Mapped[str] = mapped_column(String(64))
    day: Mapped[date]
    channel: Mapped[str] = mapped_column(String(64))
    closes_at: Mapped[datetime] = mapped_column(index=True)  # the last participant's cutoff
    closed_at: Mapped[datetime | None]


class StandupAbsence(Base):
    __tablename__ = "standup_absences"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[str] = mapped_column(
        ForeignKey("members.slack_id", ondelete="CASCADE"), index=True
    )
    first_day: Mapped[date]
    last_day: Mapped[date]
    set_by: Mapped[str | None] = mapped_column(ForeignKey("members.slack_id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
