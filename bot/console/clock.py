"""The console's clock: the wall clock moved on by what `:time` and `:at` asked for.

Time still flows between commands (a reply 40 seconds later says so), and the bot reads it
as it reads any clock, through bot.clock.Clock; nothing else in the bot knows it moved.
"""

from __future__ import annotations

from datetime import datetime, timedelta

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
