"""The week's orders: open ones by stage, shipped, arriving soon, stuck, balances overdue.

Figures "at the week's end" are read back for any instant T: an order that has not changed
stage since T was in that stage then (counted in SQL); the few that moved after T get their
stage at T from `order_changes` (the old stage of the first later change). ETAs and
balance dates are taken as they are now.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, literal, or_, select, type_coerce

from storage.models import Order, OrderChange

from ..orders import pipeline
from ..unit import Unit
from .counting import count_if, within
from .views import Figure, Money, OrderFigures, Row
from .weeks import Week

SHIPPED = "shipped"
ARRIVED = "arrived"
ARRIVING_DAYS = 14


@dataclass(frozen=True)
class Moved:
    """The orders that changed stage after T, counted by their stage at T."""

    total: Counter[str]  # by stage at T
    arriving: int  # on their way at T with an ETA in the 14 days after T's day
    stuck: int  # in a stage with an SLA at T for longer than it allows


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
        self.first, self.last = (
            self.day + timedelta(days=1),
            self.day + timedelta(days=ARRIVING_DAYS),
        )
        self.on_way = [stage for stage in self.open if stage != ARRIVED]
        self.cutoffs = pipeline.late_cutoffs(unit.settings, instant)
        self.moved = self._moved_after()

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
        counts.update({stage: n for stage, n in self.moved.total.items() if stage in self.open})
        return counts

    def arriving(self) -> int:
        """Still on their way (open, not arrived) with an ETA in the next 14 days."""
        query = self._unchanged(*self._arriving(Order.stage, Order.eta))
        return self._scalar(query) + self.moved.arriving

    def _arriving(self, stage: Any, eta: Any) -> list[Any]:
        return [stage.in_(self.on_way), eta.between(self.first, self.last)]

    def stuck(self) -> int:
        """In a stage with an SLA for longer than it allows."""
        late = self._stuck(Order.stage, Order.stage_since)
        in_sql = self._scalar(self._unchanged(late)) if self.cutoffs else 0
        return in_sql + self.moved.stuck

    def _stuck(self, stage: Any, since: Any) -> Any:
        return or_(*(and_(stage == key, since < cut) for key, cut in self.cutoffs.items()))

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

    def _moved_after(self) -> Moved:
        """The orders made by the instant whose stage changed after it, counted in SQL by
        the stage they stood in then: the old stage of their first stage change after it,
        in it since their last stage change before it."""
        stood = _stood_at(self.instant)
        stuck = count_if(self._stuck(stood.c.stage, stood.c.since)) if self.cutoffs else literal(0)
        arriving = count_if(and_(*self._arriving(stood.c.stage, stood.c.eta)))
        query = select(stood.c.stage, func.count(), arriving, stuck).group_by(stood.c.stage)
        rows = self.unit.session.execute(query).all()
        return Moved(
            total=Counter({stage: int(n) for stage, n, _, _ in rows}),
            arriving=sum(int(n) for _, _, n, _ in rows),
            stuck=sum(int(n) for _, _, _, n in rows),
        )


def _stage_path(position: int) -> Any:
    """The old (0) or new (1) stage a history line records, as text (NULL when the line
    changed something else): read in SQL, so no history line is decoded in Python."""
    return OrderChange.changes[("fields", "stage", position)].as_string()


def _stood_at(instant: datetime) -> Any:
    """Per order made by `instant` that changed stage after it: its stage then (the old
    stage of the first stage change after it), since when (its last stage change before
    it, else `instant`) and its ETA as it is now."""
    is_stage = _stage_path(1).is_not(None)
    # The changes after `instant` first, by their time's index: a week's, not every moved
    # order's history. Materialized, so that SQLite does not walk all changes in order_id
    # order to spare itself the ranking's sort.
    later = (
        select(OrderChange.id, OrderChange.order_id, OrderChange.changed_at,
               _stage_path(0).label("stage"))
        .where(OrderChange.changed_at > instant, is_stage, _stage_path(0).is_not(None))
        .cte("later_changes")
        .prefix_with("MATERIALIZED")
    )  # fmt: skip
    nth = func.row_number().over(
        partition_by=later.c.order_id, order_by=(later.c.changed_at, later.c.id)
    )
    first = (
        select(later.c.order_id, later.c.stage, Order.eta, nth.label("nth"))
        .join(Order, Order.id == later.c.order_id)
        .where(Order.created_at <= instant)
        .subquery()
    )
    # Its last stage change up to `instant`: read backwards through (order_id, changed_at).
    entered = (
        select(OrderChange.changed_at)
        .where(OrderChange.order_id == first.c.order_id, OrderChange.changed_at <= instant)
        .where(is_stage)
        .order_by(OrderChange.changed_at.desc())
        .limit(1)
        .scalar_subquery()
    )
    since = func.coalesce(entered, literal(instant, OrderChange.changed_at.type))
    return (
        select(first.c.stage, type_coerce(since, OrderChange.changed_at.type).label("since"),
               first.c.eta)
        .where(first.c.nth == 1)
        .subquery()
    )  # fmt: skip


def _shipped(unit: Unit, week: Week) -> tuple[int, int]:
    """Orders moved to the shipped stage in the week, and in the week before."""

    def moved_in(each: Week) -> int:
        query = select(func.count(OrderChange.order_id.distinct())).where(
            within(OrderChange.changed_at, each.start, each.end), _stage_path(1) == SHIPPED
        )
        return int(unit.session.scalar(query) or 0)

    return moved_in(week), moved_in(week.before)
