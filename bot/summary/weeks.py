"""Weeks as the summary counts them: Monday to Sunday in the team's time zone.

A week is its Monday and the zone; its bounds are the UTC instants of Monday 00:00 and the
next Monday 00:00 there, so a week across a daylight-saving change is 167 or 169 hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ..config import WEEKDAYS, SummaryConfig, parse_hhmm


@dataclass(frozen=True)
class Week:
    monday: date
    timezone: str

    @classmethod
    def holding(cls, day: date, timezone: str) -> Week:
        return cls(day - timedelta(days=day.weekday()), timezone)

    @classmethod
    def of_instant(cls, instant: datetime, timezone: str) -> Week:
        return cls.holding(instant.astimezone(ZoneInfo(timezone)).date(), timezone)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def start(self) -> datetime:
        return _midnight(self.monday, self.timezone)

    @property
    def end(self) -> datetime:
        """The instant the week is over (the next Monday's midnight), exclusive."""
        return _midnight(self.monday + timedelta(days=7), self.timezone)

    def shifted(self, weeks: int) -> Week:
        return Week(self.monday + timedelta(weeks=weeks), self.timezone)

    @property
    def before(self) -> Week:
        return self.shifted(-1)

    def as_of(self, now: datetime) -> datetime:
        """The instant "now" figures are read at: the week's end, or now while it runs."""
        return min(self.end, now)


def _midnight(day: date, timezone: str) -> datetime:
    return datetime.combine(day, time(0), tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def posted_at(week: Week, config: SummaryConfig) -> datetime:
    """When the weekly post for `week` is due: the first configured day and time after it."""
    after = week.monday + timedelta(days=7)
    day = after + timedelta(days=(WEEKDAYS.index(config.day) - after.weekday()) % 7)
    local = datetime.combine(day, parse_hhmm(config.time), tzinfo=ZoneInfo(week.timezone))
    return local.astimezone(UTC)


def latest_due(now: datetime, timezone: str, config: SummaryConfig) -> Week:
    """The newest week whose post time has come by `now`."""
    week = Week.of_instant(now, timezone).before
    return week if posted_at(week, config) <= now else week.before
