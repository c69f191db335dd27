"""Team members, as Slack knows them plus what the team sets (role, manager, overrides)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class Member(Base):
    __tablename__ = "members"
    __table_args__ = (
        # A tick's zones (DISTINCT of the stored pairs) and the people of one zone, read
        # from the index alone; who has a role (finance, for late balances).
        Index("ix_members_active_zone", "active", "tz_override", "slack_tz", "is_bot", "slack_id"),
        Index("ix_members_role", "role"),
    )

    slack_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    real_name: Mapped[str | None] = mapped_column(String(200))
    # From Slack's profile; refreshed on sync and user_change.
    slack_tz: Mapped[str | None] = mapped_column(String(64))
    slack_locale: Mapped[str | None] = mapped_column(String(16))
    # Set by the member (/team lang) or an admin; wins over Slack's values.
    tz_override: Mapped[str | None] = mapped_column(String(64))
    language_override: Mapped[str | None] = mapped_column(String(8))
    role: Mapped[str] = mapped_column(String(32), default="member")
    manager_id: Mapped[str | None] = mapped_column(
        ForeignKey("members.slack_id", ondelete="SET NULL"), index=True
    )
    # Whose public holidays and which weekdays the member works (None: the team's).
    country: Mapped[str | None] = mapped_column(String(8))
    workdays: Mapped[str | None] = mapped_column(String(32))  # e.g. "sun,mon,tue,wed,thu"
    # Set while Slack could not be asked for the profile (users.info failed): ask again then.
    profile_retry_at: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(default=True)
    is_bot: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
