"""A unit of work: one database transaction plus what every service needs with it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from storage.prepared import Reader

from .config import Settings


@dataclass
class Unit:
    """Handed to every domain function: the session, the settings and "now" for this work."""

    session: Session
    settings: Settings
    now: datetime
    enqueued: int = field(default=0)  # outbox rows added; the caller wakes the dispatcher


@dataclass
class Lookup:
    """A read of prepared selects only (storage.prepared), for what every request reads: the
    member behind it, the status card. No Session: nothing to flush, load or write."""

    reader: Reader
    settings: Settings
    now: datetime
