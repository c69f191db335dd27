"""Who is on the team and who may act for whom (reads)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, and_, bindparam, false, or_, select

from storage import db
from storage.models import Member
from storage.prepared import Prepared, table

from ..core import Core
from ..errors import NotFound, PermissionDenied
from ..unit import Lookup, Unit
from .views import MemberView, view, zone_of


def member(core: Core, slack_id: str) -> MemberView | None:
    """The member with this id, or None when the bot has not met them (a read)."""
    with core.lookup() as lookup:
        return member_in(lookup, slack_id)


def member_in(lookup: Lookup, slack_id: str) -> MemberView | None:
    """The member with this id, read in `lookup`, or None."""
    row = lookup.reader.first(MEMBER, slack_id=slack_id)
    return view(lookup, row) if row else None


def _member_query() -> Select[Any]:
    members = table(Member)
    return select(members).where(members.c.slack_id == bindparam("slack_id"))


# Every request reads its member first: prepared, as a Session around it cost several times
# the read.
MEMBER = Prepared(_member_query)


def person_named(core: Core, name: str) -> str | None:
    """The id of the one active member called `name` (a read); see find_by_name."""
    with core.read() as unit:
        return find_by_name(unit, name)


def active_members(core: Core) -> list[MemberView]:
    """The team as `/team` shows it: active people (no bots), by name."""
    with core.read() as unit:
        return roster(unit)


def check_admin(core: Core, actor_id: str) -> None:
    """PermissionDenied unless the actor is an admin (before asking Slack for the whole team)."""
    with core.read() as unit:
        require_admin(unit, actor_id)


def find(unit: Unit, slack_id: str) -> MemberView | None:
    member = unit.session.get(Member, slack_id)
    return view(unit, member) if member else None


def members_among(unit: Unit, slack_ids: Iterable[str]) -> list[MemberView]:
    """The members with these ids (any that the bot knows, active or not), one read."""
    ids = sorted(set(slack_ids))
    return [
        view(unit, member)
        for part in db.in_slices(ids)
        for member in unit.session.scalars(select(Member).where(Member.slack_id.in_(part)))
    ]


def get(unit: Unit, slack_id: str) -> MemberView:
    member = find(unit, slack_id)
    if member is None:
        raise NotFound("team.error.unknown_member", member=slack_id)
    return member


def roster(unit: Unit, *conditions: Any) -> list[MemberView]:
    """Active people (no bots), by name; those meeting `conditions` only, when given."""
    members = unit.session.scalars(
        select(Member)
        .where(Member.active.is_(True), Member.is_bot.is_(False), *conditions)
        .order_by(Member.name)
    )
    return [view(unit, member) for member in members]


def with_role(unit: Unit, role: str) -> list[MemberView]:
    """The roster of those whose role is `role` (admins named in config are admins), asked of
    the database by role rather than read whole: a tick asks it for each chain it starts.
    Read once per unit."""

    def read() -> list[MemberView]:
        condition = Member.role == role
        if role == "admin" and unit.settings.team.admins:
            condition = or_(condition, Member.slack_id.in_(sorted(unit.settings.team.admins)))
        return [member for member in roster(unit, condition) if member.role == role]

    return unit.once(("with_role", role), read)


def roster_in(unit: Unit, zones: set[str], *conditions: Any) -> list[MemberView]:
    """The roster of those whose time zone is one of `zones`: a tick that cares about the
    zones where it is morning now reads their people only."""
    if not zones:
        return []
    return roster(unit, in_zones(unit, zones), *conditions)


def in_zones(unit: Unit, zones: set[str]) -> Any:
    """A condition on active members: their time zone (as `view` works it out) is among
    `zones`. Asked by the stored values, of which a team has a handful."""
    return or_(
        false(),
        *(
            and_(_same(Member.tz_override, override), _same(Member.slack_tz, slack))
            for (override, slack), zone in _stored_zones(unit).items()
            if zone in zones
        ),
    )


def _same(column: Any, value: str | None) -> Any:
    return column.is_(None) if value is None else column == value


def zones_in_use(unit: Unit) -> set[str]:
    """Every time zone an active member is in (the team's for those without one)."""
    return set(_stored_zones(unit).values())


def _stored_zones(unit: Unit) -> dict[tuple[str | None, str | None], str]:
    """Each (zone set with /team, Slack's zone) pair active members have, and the zone it
    makes theirs (read once per unit: a tick asks for it several times)."""

    def read() -> dict[tuple[str | None, str | None], str]:
        query = select(Member.tz_override, Member.slack_tz).where(Member.active.is_(True))
        team_zone = unit.settings.team.timezone
        return {
            (override, slack): zone_of(override, slack, team_zone)
            for override, slack in unit.session.execute(query.distinct())
        }

    return unit.once("stored_zones", read)


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
