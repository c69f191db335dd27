"""What changes the team: profiles from Slack, roles, managers, languages, time zones."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from sqlalchemy import select

from storage import db
from storage.models import Member

from ..config import ROLES
from ..core import Core
from ..errors import InvalidInput, NotFound, PermissionDenied
from ..unit import Unit
from ..workdays import parse_weekdays, supported_countries
from .queries import management_chain, may_act_for, require_admin
from .views import MemberView, SlackProfile, SyncResult, valid_zone, view


def learn(core: Core, profile: SlackProfile) -> MemberView:
    """Create or refresh one member from their Slack profile (first contact, user_change)."""
    with core.write() as unit:
        return upsert_profile(unit, profile)[0]


PROFILE_RETRY = timedelta(minutes=10)  # how long to wait before asking Slack again


def upsert_profile(unit: Unit, profile: SlackProfile) -> tuple[MemberView, bool]:
    """Create or refresh a member from Slack; returns the member and whether it is new.

    An incomplete profile (Slack could not be asked) creates the member with the team's zone
    and language, or leaves a known member as they were, and asks again PROFILE_RETRY later.
    """
    # Two first requests of a new member at once: one inserts, the other finds the row.
    values: dict[str, object] = {"slack_id": profile.slack_id, "name": profile.name}
    values |= {"created_at": unit.now, "updated_at": unit.now}
    created = db.insert_if_absent(unit.session, Member, values, "slack_id")
    member = unit.session.get(Member, profile.slack_id, with_for_update=True)
    assert member is not None
    member.profile_retry_at = None if profile.complete else unit.now + PROFILE_RETRY
    if profile.complete or created:
        _copy_profile(member, profile)
    member.updated_at = unit.now
    unit.session.flush()
    return view(unit, member), created


def _copy_profile(member: Member, profile: SlackProfile) -> None:
    member.name = profile.name
    member.real_name = profile.real_name
    member.slack_tz = profile.tz
    member.slack_locale = profile.locale
    member.is_bot = profile.is_bot
    member.active = not profile.deleted


def sync_in(unit: Unit, profiles: Iterable[SlackProfile]) -> SyncResult:
    """Bring the team in line with Slack's user list; people who left become inactive."""
    seen: set[str] = set()
    added = updated = 0
    for profile in profiles:
        if profile.is_bot or profile.slack_id == "USLACKBOT":
            continue
        seen.add(profile.slack_id)
        _, created = upsert_profile(unit, profile)
        added += created
        updated += not created
    gone = unit.session.scalars(
        select(Member).where(Member.active.is_(True), Member.slack_id.not_in(seen))
    ).all()
    for member in gone:
        member.active = False
        member.updated_at = unit.now
    return SyncResult(added=added, updated=updated, deactivated=len(gone))


def sync(core: Core, profiles: Iterable[SlackProfile]) -> SyncResult:
    with core.write() as unit:
        return sync_in(unit, profiles)


def set_role(core: Core, actor_id: str, target_id: str, role: str) -> MemberView:
    with core.write() as unit:
        require_admin(unit, actor_id)
        if role not in ROLES:
            raise InvalidInput("team.error.unknown_role", role=role, roles=", ".join(ROLES))
        member = _existing(unit, target_id)
        member.role = role
        return _touched(unit, member)


def set_manager(core: Core, actor_id: str, target_id: str, manager_id: str | None) -> MemberView:
    with core.write() as unit:
        require_admin(unit, actor_id)
        member = _existing(unit, target_id)
        if manager_id is not None:
            _existing(unit, manager_id)
            if manager_id == target_id or target_id in management_chain(unit, manager_id):
                raise InvalidInput("team.error.manager_cycle")
        member.manager_id = manager_id
        return _touched(unit, member)


def set_language(core: Core, slack_id: str, language: str) -> MemberView:
    if language not in ("en", "zh"):
        raise InvalidInput("team.error.unknown_language", language=language)
    with core.write() as unit:
        member = _existing(unit, slack_id)
        member.language_override = language
        return _touched(unit, member)


def set_timezone(core: Core, slack_id: str, timezone: str) -> MemberView:
    if valid_zone(timezone) is None:
        raise InvalidInput("team.error.unknown_timezone", timezone=timezone)
    with core.write() as unit:
        member = _existing(unit, slack_id)
        member.tz_override = timezone
        return _touched(unit, member)


def set_country(core: Core, actor_id: str, target_id: str, code: str) -> MemberView:
    """Whose public holidays the member keeps (the member, their managers or an admin)."""
    country = code.strip().upper()
    if country not in supported_countries():
        raise InvalidInput("team.error.unknown_country", country=code.strip())
    with core.write() as unit:
        member = _for_someone(unit, actor_id, target_id)
        member.country = country
        return _touched(unit, member)


def set_workdays(core: Core, actor_id: str, target_id: str, text: str) -> MemberView:
    """The weekdays the member works, e.g. "sun-thu" (the member, their managers, admins)."""
    workdays = parse_weekdays(text)
    with core.write() as unit:
        member = _for_someone(unit, actor_id, target_id)
        member.workdays = ",".join(workdays)
        return _touched(unit, member)


def _for_someone(unit: Unit, actor_id: str, target_id: str) -> Member:
    member = _existing(unit, target_id)
    if not may_act_for(unit, actor_id, target_id):
        raise PermissionDenied("team.error.not_yours", member=target_id)
    return member


def _existing(unit: Unit, slack_id: str) -> Member:
    member = unit.session.get(Member, slack_id, with_for_update=True)  # read-modify-write
    if member is None:
        raise NotFound("team.error.unknown_member", member=slack_id)
    return member


def _touched(unit: Unit, member: Member) -> MemberView:
    member.updated_at = unit.now
    return view(unit, member)
