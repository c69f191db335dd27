"""Quiet hours: when a message may reach its recipient. A member is written to on their
workdays (their weekdays, their country's holidays, the team's days off) between
`[alerts] work_start` and `work_end` in their own zone; a channel follows the team's zone
and workdays. Anything due outside those hours waits for the next work start.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .. import team
from ..config import WEEKDAYS, parse_hhmm
from ..team import MemberView
from ..unit import Unit
from ..workdays import WorkCalendar, team_days_off

LOOK_AHEAD_DAYS = 60  # a calendar with no workday this far ahead: send at once


@dataclass(frozen=True)
class WorkHours:
    zone: ZoneInfo
    calendar: WorkCalendar
    start: time
    end: time

    def window(self, day: date) -> tuple[datetime, datetime]:
        return (
            datetime.combine(day, self.start, tzinfo=self.zone),
            datetime.combine(day, self.end, tzinfo=self.zone),
        )

    def next_open(self, instant: datetime) -> datetime:
        """`instant` itself when it falls in working hours, else the next work start."""
        day = instant.astimezone(self.zone).date()
        for offset in range(LOOK_AHEAD_DAYS):
            current = day + timedelta(days=offset)
            if not self.calendar.is_workday(current):
                continue
            opens, closes = self.window(current)
            if instant < closes:
                return max(instant, opens)
        return instant

    def is_open(self, instant: datetime) -> bool:
        return self.next_open(instant) == instant


class Audience:
    """Everyone's working hours, looked up once per unit of work (many at once with `know`)."""

    def __init__(self, unit: Unit) -> None:
        self.unit = unit
        self._known: dict[str, WorkHours] = {}

    def hours(self, recipient: str) -> WorkHours:
        if recipient not in self._known:
            self._known[recipient] = self._hours(recipient)
        return self._known[recipient]

    def meet(self, members: list[MemberView]) -> None:
        """Hold these members' hours, read already, so asking for them reads nothing."""
        for member in members:
            self._known.setdefault(member.slack_id, self._hours_of(member))

    def know(self, recipients: Iterable[str]) -> None:
        """Read the hours of those among `recipients` not known yet in one query (a tick about
        to write to many), instead of one query each when asked."""
        missing = sorted(set(recipients) - set(self._known))
        found = team.members_among(self.unit, missing)
        self.meet(found)
        for recipient in set(missing) - {member.slack_id for member in found}:
            self._known[recipient] = self._team_hours()  # a channel: the team's hours

    def deliverable_at(self, recipient: str, instant: datetime) -> datetime:
        return self.hours(recipient).next_open(instant)

    def _hours_of(self, member: MemberView) -> WorkHours:
        return self._work_hours(member.zone, team.calendar_of(self.unit, member))

    def _hours(self, recipient: str) -> WorkHours:
        member = team.find(self.unit, recipient)
        return self._team_hours() if member is None else self._hours_of(member)

    def _team_hours(self) -> WorkHours:
        """A channel's (and anyone unknown's): the team's zone and workdays."""
        settings = self.unit.settings
        calendar = WorkCalendar(
            country=settings.team.holiday_country,
            weekdays=frozenset(WEEKDAYS.index(day) for day in settings.team.workdays),
            days_off=team_days_off(settings.team.extra_holidays),
        )
        return self._work_hours(ZoneInfo(settings.team.timezone), calendar)

    def _work_hours(self, zone: ZoneInfo, calendar: WorkCalendar) -> WorkHours:
        alerts = self.unit.settings.alerts
        return WorkHours(zone, calendar, parse_hhmm(alerts.work_start), parse_hhmm(alerts.work_end))
