"""The week's orders: open ones by stage, shipped, arriving soon, stuck, balances overdue.

Figures "at the week's end" are read back for any instant T: an order that has not changed
stage since T was in that stage then (counted in SQL); the few that moved after T get their
stage at T from `order_changes` (the old stage of the first later change). ETAs and
balance dates are taken as they are now.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, or_, select

from storage.models import Order, OrderChange

from ..orders import pipeline
from ..unit import Unit
from .counting import within
from .views import Figure, Money, OrderFigures, Row
from .weeks import Week

SHIPPED = "shipped"
ARRIVED = "arrived"
ARRIVING_DAYS = 14


@dataclass(frozen=True)
class Moved:
    """An order that changed stage after T: its stage at T, since when, and its ETA."""

    stage: str
    since: datetime
    eta: date | None


def figures(unit: Unit, week: Week) -> OrderFigures:
    now, before = Standing(unit, week.as_of(unit.now)), Standing(unit, week.before.end)
    shipped = _shipped(unit, week)
    balances, balances_before = now.balances(), before.balances()
    return OrderFigures(
        by_stage=_by_stage(unit, now.by_stage(), before.by_stage()),
        shipped=Figure(shipped[0], shipped[1]),
        arriving=Figure(now.arriving(), before.arriving()),
        stuck=Figure(now.stuck(), before.stuck()),
        balances_overdue=Figure(_count(balances), _count(balances_before)),
        balances=balances,
    )


def open_stages(unit: Unit) -> list[str]:
    return [
        each.key for each in pipeline.stages(unit.settings)
        if each.key not in pipeline.CLOSED_STAGES
    ]  # fmt: skip


def _by_stage(unit: Unit, now: Counter[str], before: Counter[str]) -> tuple[Row, ...]:
    return tuple(
        Row(key, now[key], before[key], names=pipeline.names(unit.settings, key))
        for key in open_stages(unit)
    )


def _count(balances: tuple[Money, ...]) -> int:
    return sum(each.count for each in balances)


class Standing:
    """The orders as they stood at `instant`."""

    def __init__(self, unit: Unit, instant: datetime) -> None:
        self.unit, self.instant = unit, instant
        self.open = open_stages(unit)
        self.day = instant.astimezone(ZoneInfo(unit.settings.team.timezone)).date()
        self.moved = _moved_after(unit, instant)

    def _unchanged(self, *conditions: Any) -> Any:
        return (
            select(func.count())
            .select_from(Order)
            .where(Order.created_at <= self.instant, Order.stage_since <= self.instant)
            .where(*conditions)
        )

    def _scalar(self, query: Any) -> int:
        return int(self.unit.session.scalar(query) or 0)

    def by_stage(self) -> Counter[str]:
        query = self._unchanged(Order.stage.in_(self.open)).add_columns(Order.stage)
        query = query.group_by(Order.stage)
        counts = Counter({stage: int(n) for n, stage in self.unit.session.execute(query)})
        counts.update(each.stage for each in self.moved if each.stage in self.open)
        return counts

    def arriving(self) -> int:
        """Still on their way (open, not arrived) with an ETA in the next 14 days."""
        first, last = self.day + timedelta(days=1), self.day + timedelta(days=ARRIVING_DAYS)
        on_way = [stage for stage in self.open if stage != ARRIVED]
        query = self._unchanged(Order.stage.in_(on_way), Order.eta.between(first, last))
        moved = [m for m in self.moved if m.stage in on_way and m.eta and first <= m.eta <= last]
        return self._scalar(query) + len(moved)

    def stuck(self) -> int:
        """In a stage with an SLA for longer than it allows."""
        cutoffs = pipeline.late_cutoffs(self.unit.settings, self.instant)
        late = [and_(Order.stage == key, Order.stage_since < cut) for key, cut in cutoffs.items()]
        in_sql = self._scalar(self._unchanged(or_(*late))) if late else 0
        moved = [m for m in self.moved if m.stage in cutoffs and m.since < cutoffs[m.stage]]
        return in_sql + len(moved)

    def balances(self) -> tuple[Money, ...]:
        """Balances due before this day and not paid by then, by currency (open orders)."""
        unpaid = or_(Order.paid_on.is_(None), Order.paid_on >= self.day)
        query = (
            select(Order.currency, func.count(), func.coalesce(func.sum(Order.amount), 0))
            .where(Order.created_at <= self.instant, Order.balance_due < self.day, unpaid)
            .where(Order.stage != "cancelled")
            .group_by(Order.currency)
            .order_by(Order.currency)
        )
        return tuple(
            Money(currency or "", int(count), Decimal(str(amount)))
            for currency, count, amount in self.unit.session.execute(query)
        )


def _stage_path(position: int) -> Any:
    """The old (0) or new (1) stage a history line records, as text (NULL when the line
    changed something else): read in SQL, so no history line is decoded in Python."""
    return OrderChange.changes[("fields", "stage", position)].as_string()


def _moved_after(unit: Unit, instant: datetime) -> list[Moved]:
    """Orders made by `instant` whose stage changed after it, as they stood at `instant`:
    the old stage of their first stage change after it, in it since their last one before."""
    moved = select(Order.id).where(Order.created_at <= instant, Order.stage_since > instant)
    is_stage = _stage_path(1).is_not(None)
    later = (
        select(OrderChange.order_id, _stage_path(0))
        .where(OrderChange.order_id.in_(moved), OrderChange.changed_at > instant, is_stage)
        .order_by(OrderChange.changed_at.desc(), OrderChange.id.desc())
    )
    # Newest first, so the first change after `instant` is the one that stays.
    stood = {order_id: old for order_id, old in unit.session.execute(later) if old}
    entered = (
        select(OrderChange.order_id, func.max(OrderChange.changed_at))
        .where(OrderChange.order_id.in_(moved), OrderChange.changed_at <= instant, is_stage)
        .group_by(OrderChange.order_id)
    )
    since = {order_id: when for order_id, when in unit.session.execute(entered)}
    etas = {order_id: eta for order_id, eta in unit.session.execute(
        select(Order.id, Order.eta).where(Order.id.in_(moved)))}  # fmt: skip
    return [
        Moved(stage, since.get(order_id, instant), etas.get(order_id))
        for order_id, stage in stood.items()
    ]


def _shipped(unit: Unit, week: Week) -> tuple[int, int]:
    """Orders moved to the shipped stage in the week, and in the week before."""

    def moved_in(each: Week) -> int:
        query = select(func.count(OrderChange.order_id.distinct())).where(
            within(OrderChange.changed_at, each.start, each.end), _stage_path(1) == SHIPPED
        )
        return int(unit.session.scalar(query) or 0)

    return moved_in(week), moved_in(week.before)
