"""Members as plain values: what Slack says about a person, and who they are to the team."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Row

from storage.models import Member

from ..config import WEEKDAYS
from ..i18n import normalize_language
from ..unit import Lookup, Unit
from ..workdays import WorkCalendar, team_days_off


@dataclass(frozen=True)
class SlackProfile:
    """What Slack tells us about a person (users.info / users.list), as plain values."""

    slack_id: str
    name: str
    real_name: str | None = None
    tz: str | None = None
    locale: str | None = None
    is_bot: bool = False
    deleted: bool = False
    complete: bool = True  # False: Slack could not be asked; only the id is known


@dataclass(frozen=True)
class MemberView:
    slack_id: str
    name: str
    role: str
    manager_id: str | None
    timezone: str
    language: str
    active: bool
    country: str = ""  # whose public holidays apply ("" none); the team's unless set
    workdays: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri")
    profile_retry_at: datetime | None = None  # when to ask Slack for the profile again

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class SyncResult:
    added: int
    updated: int
    deactivated: int


def view(unit: Unit | Lookup, member: Member | Row[Any]) -> MemberView:
    """A member's model, or a row of the members table (the per-request read)."""
    return MemberView(
        slack_id=member.slack_id,
        name=member.real_name or member.name,
        role=effective_role(unit, member),
        manager_id=member.manager_id,
        timezone=zone_of(member.tz_override, member.slack_tz, unit.settings.team.timezone),
        language=member.language_override
        or normalize_language(member.slack_locale, unit.settings.team.language),
        active=member.active,
        country=member.country or unit.settings.team.holiday_country,
        profile_retry_at=member.profile_retry_at,
        workdays=tuple(member.workdays.split(","))
        if member.workdays
        else unit.settings.team.workdays,
    )


def calendar_of(unit: Unit, member: MemberView) -> WorkCalendar:
    """The days the member works: their weekdays and country, and the team's days off."""
    return WorkCalendar(
        country=member.country,
        weekdays=frozenset(WEEKDAYS.index(day) for day in member.workdays),
        days_off=team_days_off(unit.settings.team.extra_holidays),
    )


def effective_role(unit: Unit | Lookup, member: Member | Row[Any]) -> str:
    # Admins named in config are admins whatever the database says: a fresh install needs one.
    return "admin" if member.slack_id in unit.settings.team.admins else member.role


def zone_of(override: str | None, slack_tz: str | None, team_zone: str) -> str:
    """A member's time zone: the one set with /team, else Slack's (when it is one), else the
    team's."""
    return override or valid_zone(slack_tz) or team_zone


def valid_zone(name: str | None) -> str | None:
    try:
        return name if name and ZoneInfo(name) else None
    except (ValueError, KeyError):
        return None
