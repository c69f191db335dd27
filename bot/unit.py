"""A unit of work: one database transaction plus what every service needs with it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from storage.prepared import Reader

from .config import Settings

T = TypeVar("T")


@dataclass
class Unit:
    """Handed to every domain function: the session, the settings and "now" for this work."""

    session: Session
    settings: Settings
    now: datetime
    enqueued: int = field(default=0)  # outbox rows added; the caller wakes the dispatcher
    _once: dict[Any, Any] = field(default_factory=dict, repr=False)

    def once(self, key: Any, read: Callable[[], T]) -> T:
        """`read()` the first time this unit asks for `key`, the same answer after: for what a
        unit asks many times and does not change itself (a tick's zones, who has a role)."""
        if key not in self._once:
            self._once[key] = read()
        return self._once[key]  # type: ignore[no-any-return]


@dataclass
class Lookup:
    """A read of prepared selects only (storage.prepared), for what every request reads: the
    member behind it, the status card. No Session: nothing to flush, load or write."""

    reader: Reader
    settings: Settings
    now: datetime
