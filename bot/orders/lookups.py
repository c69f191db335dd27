"""How saving finds members and customers: one query each by default, or, for the CSV
import, everything a batch needs loaded up front."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy import select

from storage.models import Customer, Member

from .. import customers, team
from ..unit import Unit
from .fields import FieldContext

MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")


def customer_key(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass
class Lookups:
    """How saving finds customers and members; the CSV import swaps in cached ones."""

    unit: Unit
    customers_by_key: dict[str, int] = field(default_factory=dict)

    def member(self, text: str) -> str | None:
        return find_member(self.unit, text)

    def customer(self, name: str, owner_id: str | None, country: str | None) -> int:
        key = customer_key(name)
        if key not in self.customers_by_key:
            found, _ = customers.find_or_create(self.unit, name, owner_id, country)
            self.customers_by_key[key] = found.id
        return self.customers_by_key[key]


def find_member(unit: Unit, text: str) -> str | None:
    """A mention, a member id or a member's Slack name / real name, to a member id."""
    token = text.strip()
    mentioned = MENTION.match(token)
    candidate = mentioned.group(1) if mentioned else token
    if unit.session.get(Member, candidate) is not None:
        return candidate
    return None if mentioned else team.find_by_name(unit, token.lstrip("@"))


def field_context(unit: Unit, zone: ZoneInfo, lookups: Lookups | None = None) -> FieldContext:
    finder = lookups.member if lookups else lambda text: find_member(unit, text)
    return FieldContext(unit.settings, zone, unit.now, finder)


def reader_zone(unit: Unit, actor: str) -> ZoneInfo:
    member = team.find(unit, actor)
    return member.zone if member else ZoneInfo(unit.settings.team.timezone)


class CachedLookups(Lookups):
    """Members, and the customers a batch names, loaded once rather than once per row."""

    members: dict[str, str]
    loaded: list[Customer]

    @classmethod
    def preload(cls, unit: Unit, customer_names: set[str]) -> CachedLookups:
        keys = {customer_key(name) for name in customer_names}
        loaded = list(unit.session.scalars(select(Customer).where(Customer.name_key.in_(keys))))
        lookups = cls(unit, {customer.name_key: customer.id for customer in loaded})
        lookups.loaded = loaded  # keeps them in the session's identity map
        lookups.members = member_index(unit)
        return lookups

    def member(self, text: str) -> str | None:
        token = text.strip()
        mentioned = MENTION.match(token)
        if mentioned:
            token = mentioned.group(1)
        return self.members.get(token) or self.members.get(token.lstrip("@").casefold())


def member_index(unit: Unit) -> dict[str, str]:
    """Member id -> id, and name / real name (casefolded) -> id when only one has it."""
    index: dict[str, str] = {}
    ambiguous: set[str] = set()
    for member in unit.session.scalars(select(Member).where(Member.active.is_(True))):
        index[member.slack_id] = member.slack_id
        for name in {member.name.casefold(), (member.real_name or "").casefold()} - {""}:
            if name in index and index[name] != member.slack_id:
                ambiguous.add(name)
            index[name] = member.slack_id
    return {key: value for key, value in index.items() if key not in ambiguous}
