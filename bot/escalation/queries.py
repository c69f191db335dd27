"""Reading chains: the open ones a person may see (/escalations), all of them for operators
(`tradeops escalations list`), and a week's counts for the weekly summary."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from storage.models import EscalationChain

from .. import team
from ..core import Core
from ..unit import Unit
from .views import ChainList, ChainView, WeekCounts, chain_view

LIST_LIMIT = 30


def visible_to(core: Core, member_id: str) -> ChainList:
    """Open chains the member was told about or may act on (managers and admins: all)."""
    with core.read() as unit:
        everything = team.has_role(unit, member_id, "manager")
        found = [
            chain for chain in open_chains(unit)
            if everything or member_id in chain.told or _above(unit, member_id, chain.owner_id)
        ]  # fmt: skip
        views = tuple(chain_view(chain, unit.now) for chain in found)
    return ChainList(views[:LIST_LIMIT], len(views))


def _above(unit: Unit, member_id: str, owner_id: str | None) -> bool:
    return bool(owner_id) and member_id in team.management_chain(unit, owner_id or "")


def open_chains(unit: Unit) -> list[EscalationChain]:
    """Open chains, the longest late first."""
    query = (
        select(EscalationChain)
        .where(EscalationChain.ended_at.is_(None))
        .order_by(EscalationChain.late_since, EscalationChain.id)
    )
    return list(unit.session.scalars(query))


def for_operators(core: Core, include_ended: bool = False) -> list[ChainView]:
    with core.read() as unit:
        query = select(EscalationChain).order_by(EscalationChain.late_since, EscalationChain.id)
        if not include_ended:
            query = query.where(EscalationChain.ended_at.is_(None))
        return [chain_view(chain, unit.now) for chain in unit.session.scalars(query)]


def acknowledged_between(
    unit: Unit, start: datetime, end: datetime
) -> list[tuple[datetime, datetime]]:
    """When each chain opened in [start, end) began and when it was acknowledged."""
    query = select(EscalationChain.created_at, EscalationChain.acknowledged_at).where(
        EscalationChain.created_at >= start,
        EscalationChain.created_at < end,
        EscalationChain.acknowledged_at.is_not(None),
    )
    rows = unit.session.execute(query)
    return [(opened, acknowledged) for opened, acknowledged in rows if acknowledged is not None]


def week_counts(unit: Unit, start: datetime, end: datetime) -> WeekCounts:
    """Chains opened in [start, end), and how many of those were acknowledged and ended."""
    opened = (EscalationChain.created_at >= start, EscalationChain.created_at < end)
    count = func.count(EscalationChain.id)
    return WeekCounts(
        unit.session.scalar(select(count).where(*opened)) or 0,
        unit.session.scalar(
            select(count).where(*opened, EscalationChain.acknowledged_at.is_not(None))
        ) or 0,
        unit.session.scalar(select(count).where(*opened, EscalationChain.ended_at.is_not(None)))
        or 0,
    )  # fmt: skip
