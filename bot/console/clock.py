"""The console's clock: the wall clock moved on by what `:time` and `:at` asked for.

Time still flows between commands (a reply 40 seconds later says so), and the bot reads it
as it reads any clock, through bot.clock.Clock; nothing else in the bot knows it moved.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from ..clock import Clock, SystemClock, as_utc


class ShiftedClock:
    def __init__(self, start: datetime | None = None, base: Clock | None = None) -> None:
        self.base = base or SystemClock()
        self.offset = timedelta(0)
        if start is not None:
            self.move_to(start)

    def now(self) -> datetime:
        return self.base.now() + self.offset

    def move_to(self, instant: datetime) -> None:
        self.offset = as_utc(instant) - self.base.now()


def resumed(start: datetime | None, kept: Path | None) -> ShiftedClock:
    """A clock at `start`, else where the last session left it (when that is still ahead)."""
    clock = ShiftedClock(start)
    if start is None and kept is not None and kept.is_file():
        try:
            left_at = datetime.fromisoformat(kept.read_text(encoding="utf-8").strip())
        except ValueError:  # an unreadable file: start from now, as on a first run
            return clock
        if left_at.tzinfo is not None and left_at > clock.now():
            clock.move_to(left_at)
    return clock


def keep(clock: ShiftedClock, kept: Path | None) -> None:
    if kept is not None:
        kept.write_text(clock.now().isoformat(), encoding="utf-8")
