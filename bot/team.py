"""The team: members, roles, the reports-to chain, languages, and who may do what."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import select

from storage.models import Member

from .config import ROLES
from .errors import InvalidInput, NotFound, PermissionDenied
from .i18n import normalize_language
from .unit import Unit


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


@dataclass(frozen=True)
class MemberView:
    slack_id: str
    name: str
    role: str
    manager_id: str | None
    timezone: str
    language: str
    active: bool

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class SyncResult:
    added: int
    updated: int
    deactivated: int


def view(unit: Unit, member: Member) -> MemberView:
    return MemberView(
        slack_id=member.slack_id,
        name=member.real_name or member.name,
        role=effective_role(unit, member),
        manager_id=member.manager_id,
        timezone=member.tz_override or _valid_zone(member.slack_tz) or unit.settings.team.timezone,
        language=member.language_override
        or normalize_language(member.slack_locale, unit.settings.team.language),
        active=member.active,
    )


def effective_role(unit: Unit, member: Member) -> str:
    # Admins named in config are admins whatever the database says: a fresh install needs one.
    return "admin" if member.slack_id in unit.settings.team.admins else member.role


def _valid_zone(name: str | None) -> str | None:
    try:
        return name if name and ZoneInfo(name) else None
    except (ValueError, KeyError):
        return None


def find(unit: Unit, slack_id: str) -> MemberView | None:
    member = unit.session.get(Member, slack_id)
    return view(unit, member) if member else None


def get(unit: Unit, slack_id: str) -> MemberView:
    member = find(unit, slack_id)
    if member is None:
        raise NotFound("team.error.unknown_member", member=slack_id)
    return member


def upsert_profile(unit: Unit, profile: SlackProfile) -> tuple[MemberView, bool]:
    """Create or refresh a member from Slack; returns the member and whether it is new."""
    member = unit.session.get(Member, profile.slack_id)
    created = member is None
    if member is None:
        member = Member(slack_id=profile.slack_id, role="member", created_at=unit.now)
        unit.session.add(member)
    member.name = profile.name
    member.real_name = profile.real_name
    member.slack_tz = profile.tz
    member.slack_locale = profile.locale
    member.is_bot = profile.is_bot
    member.active = not profile.deleted
    member.updated_at = unit.now
    unit.session.flush()
    return view(unit, member), created


def sync(unit: Unit, profiles: Iterable[SlackProfile]) -> SyncResult:
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


def roster(unit: Unit) -> list[MemberView]:
    members = unit.session.scalars(
        select(Member)
        .where(Member.active.is_(True), Member.is_bot.is_(False))
        .order_by(Member.name)
    )
    return [view(unit, member) for member in members]


def management_chain(unit: Unit, slack_id: str) -> list[str]:
    """The member's manager, their manager, and so on up (cycles cannot form; see set_manager)."""
    chain: list[str] = []
    current = unit.session.get(Member, slack_id)
    while current is not None and current.manager_id and current.manager_id not in chain:
        chain.append(current.manager_id)
        current = unit.session.get(Member, current.manager_id)
    return chain


def is_admin(unit: Unit, slack_id: str) -> bool:
    member = find(unit, slack_id)
    return member is not None and member.role == "admin"


def may_act_for(unit: Unit, actor_id: str, *people: str | None) -> bool:
    """The one permission rule: you, your managers up the chain, and admins act for you."""
    if actor_id in people or is_admin(unit, actor_id):
        return True
    return any(person and actor_id in management_chain(unit, person) for person in people)


def has_role(unit: Unit, actor_id: str, *roles: str) -> bool:
    member = find(unit, actor_id)
    return member is not None and (member.role in roles or member.role == "admin")


def require_admin(unit: Unit, actor_id: str) -> None:
    if not is_admin(unit, actor_id):
        raise PermissionDenied("team.error.admins_only")


def set_role(unit: Unit, actor_id: str, target_id: str, role: str) -> MemberView:
    require_admin(unit, actor_id)
    if role not in ROLES:
        raise InvalidInput("team.error.unknown_role", role=role, roles=", ".join(ROLES))
    member = _existing(unit, target_id)
    member.role = role
    member.updated_at = unit.now
    return view(unit, member)


def set_manager(unit: Unit, actor_id: str, target_id: str, manager_id: str | None) -> MemberView:
    require_admin(unit, actor_id)
    member = _existing(unit, target_id)
    if manager_id is not None:
        _existing(unit, manager_id)
        if manager_id == target_id or target_id in management_chain(unit, manager_id):
            raise InvalidInput("team.error.manager_cycle")
    member.manager_id = manager_id
    member.updated_at = unit.now
    return view(unit, member)


def set_language(unit: Unit, slack_id: str, language: str) -> MemberView:
    if language not in ("en", "zh"):
        raise InvalidInput("team.error.unknown_language", language=language)
    member = _existing(unit, slack_id)
    member.language_override = language
    member.updated_at = unit.now
    return view(unit, member)


def set_timezone(unit: Unit, slack_id: str, timezone: str) -> MemberView:
    if _valid_zone(timezone) is None:
        raise InvalidInput("team.error.unknown_timezone", timezone=timezone)
    member = _existing(unit, slack_id)
    member.tz_override = timezone
    member.updated_at = unit.now
    return view(unit, member)


def _existing(unit: Unit, slack_id: str) -> Member:
    member = unit.session.get(Member, slack_id)
    if member is None:
        raise NotFound("team.error.unknown_member", member=slack_id)
    return member


def find_by_name(unit: Unit, name: str) -> str | None:
    """The id of the one active member whose Slack name or real name is `name` (any case)."""
    wanted = name.strip().casefold()
    if not wanted:
        return None
    matches = [
        member.slack_id
        for member in unit.session.scalars(select(Member).where(Member.active.is_(True)))
        if wanted in (member.name.casefold(), (member.real_name or "").casefold())
    ]
    return matches[0] if len(matches) == 1 else None
