"""The one place that reads the wall clock. Everything else is handed "now"."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """Real time, always timezone-aware UTC (freezegun moves it in tests)."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock that stays where it is put; for scheduler passes "as of" an instant."""

    def __init__(self, instant: datetime) -> None:
        self.instant = as_utc(instant)

    def now(self) -> datetime:
        return self.instant


def as_utc(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        raise ValueError("instant has no time zone")
    return instant.astimezone(UTC)
