"""Kudos: one member thanking one or more others, in public, for a reason.

Storage contract: a `kudos` row is one thank-you (who gave it, why, when); `kudos_thanked`
holds one row per person thanked in it. The weekly summary counts both by `created_at`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

REASON_MAX = 2000


class Kudos(Base):
    __tablename__ = "kudos"

    id: Mapped[int] = mapped_column(primary_key=True)
    giver_id: Mapped[str | None] = mapped_column(
        ForeignKey("members.slack_id", ondelete="SET NULL"), index=True
    )
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(index=True)


class KudosThanked(Base):
    __tablename__ = "kudos_thanked"

    kudos_id: Mapped[int] = mapped_column(
        ForeignKey("kudos.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[str] = mapped_column(
        ForeignKey("members.slack_id", ondelete="CASCADE"), primary_key=True, index=True
    )
    # The thank-you's time again, so a week's count by person reads one table.
    created_at: Mapped[datetime] = mapped_column(index=True)
