"""When a standup asks whom: each participant at the standup's time in their own zone, on
the days they work. Pure functions of config, members and dates; no database.

Local times are built with zoneinfo on the member's own calendar day, so 09:30 in New York is
09:30 on both sides of a DST change (14:30 UTC in winter, 13:30 UTC in summer).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from ..config import WEEKDAYS, StandupConfig, parse_hhmm
from ..team import MemberView
from ..workdays import WorkCalendar


@dataclass(frozen=True)
class Due:
    """One prompt to send: who, for which of their local days, and when it was due."""

    member: MemberView
    day: date
    prompt_at: datetime
    cutoff_at: datetime


def prompt_instant(standup: StandupConfig, day: date, zone: ZoneInfo) -> datetime:
    """The UTC instant of the standup's time on `day` in `zone`."""
    return datetime.combine(day, parse_hhmm(standup.time), tzinfo=zone).astimezone(UTC)


def cutoff_instant(standup: StandupConfig, prompt_at: datetime) -> datetime:
    return prompt_at + timedelta(hours=standup.cutoff_hours)


def takes_part(standup: StandupConfig, member: MemberView) -> bool:
    """Roles or member ids name the participants; an empty list means every active member."""
    if not member.active:
        return False
    wanted = standup.participants
    return not wanted or member.role in wanted or member.slack_id in wanted


def runs_on(standup: StandupConfig, calendar: WorkCalendar, day: date) -> bool:
    """A workday of the member's (holidays off, make-up days on) and, when the standup names
    its days, one of those."""
    if standup.days is not None and WEEKDAYS[day.weekday()] not in standup.days:
        return False
    return calendar.is_workday(day)


def due_prompt(
    standup: StandupConfig, member: MemberView, calendar: WorkCalendar, now: datetime
) -> Due | None:
    """Today's prompt for the member when it is due and not yet too late (grace_hours)."""
    day = now.astimezone(member.zone).date()
    prompt_at = prompt_instant(standup, day, member.zone)
    too_late = prompt_at + timedelta(hours=standup.grace_hours)
    if not prompt_at <= now <= too_late or not runs_on(standup, calendar, day):
        return None
    return Due(member, day, prompt_at, cutoff_instant(standup, prompt_at))


def day_closes_at(standup: StandupConfig, day: date, zones: Iterable[str]) -> datetime:
    """The last participant's cutoff on `day`: the latest zone's prompt plus cutoff_hours."""
    latest = max(prompt_instant(standup, day, ZoneInfo(zone)) for zone in set(zones))
    return cutoff_instant(standup, latest)


def entry_key(standup: str, member_id: str, day: date) -> str:
    return f"{standup}:{member_id}:{day.isoformat()}"


def day_key(standup: str, day: date) -> str:
    return f"{standup}:{day.isoformat()}"
