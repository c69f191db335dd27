"""The outbox: every message the bot sends on its own passes through here exactly once."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

PENDING = "pending"
SENDING = "sending"  # claimed by a dispatcher until lease_until; the send may be under way
SENT = "sent"
FAILED = "failed"  # gave up retrying; kept for operators to see and retry by hand


class OutboxMessage(Base):
    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_status_next_attempt_at", "status", "next_attempt_at"),
        # The newest message of a kind (the last weekly summary) without reading them all.
        Index("ix_outbox_kind_dedup_key", "kind", "dedup_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Unique: a second tick, a restart or a second replica cannot enqueue the same message.
    dedup_key: Mapped[str] = mapped_column(String(255), unique=True)
    kind: Mapped[str] = mapped_column(String(64))
    # A member id (the bot DMs them) or a channel id / #name.
    recipient: Mapped[str] = mapped_column(String(100))
    payload: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(16), default=PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime]
    # While `sending`: the instant after which the claim counts as abandoned (a crash) and
    # another dispatcher may take the row, after looking whether the message got through.
    lease_until: Mapped[datetime | None]
    # The earliest instant from which a copy of this message may be in Slack that no check
    # has ruled out (a crash or a time-out mid-send); the next attempt looks from there first.
    unconfirmed_since: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    # Slack's channel and ts of the posted message, so later messages can thread under it.
    sent_channel: Mapped[str | None] = mapped_column(String(32))
    sent_ts: Mapped[str | None] = mapped_column(String(32))
