"""A unit of work: one database transaction plus what every service needs with it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from .config import Settings


@dataclass
class Unit:
    """Handed to every domain function: the session, the settings and "now" for this work."""

    session: Session
    settings: Settings
    now: datetime
    enqueued: int = field(default=0)  # outbox rows added; the caller wakes the dispatcher
