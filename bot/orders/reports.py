"""What `/order status`, `/order history` and `/order list` show, as plain values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, false, func, or_, select

from storage.models import Customer, Order, OrderChange, OrderWatcher

from .. import customers
from ..unit import Unit
from . import pipeline, views
from .views import OrderView

PAGE_SIZE = 25  # orders or changes a list shows at once
RECENT = 3  # changes a status card shows


@dataclass(frozen=True)
class ChangeView:
    id: int
    changed_at: datetime
    actor: str
    source: str
    action: str  # created | updated
    fields: dict[str, list[str | None]]  # field -> [old, new] as text


@dataclass(frozen=True)
class StageClock:
    """How long the order has been in its stage, against that stage's SLA."""

    days: int
    sla_days: int  # 0: no SLA
    late: bool


@dataclass(frozen=True)
class StatusView:
    order: OrderView
    clock: StageClock
    recent: list[ChangeView]
    watching: bool  # the reader watches it
    watchers: int


@dataclass(frozen=True)
class HistoryPage:
    order: OrderView
    changes: list[ChangeView]  # newest first
    total: int  # changes recorded in all


@dataclass(frozen=True)
class ListedOrder:
    order: OrderView
    clock: StageClock


@dataclass(frozen=True)
class OrderList:
    orders: list[ListedOrder]
    total: int


def clock(unit: Unit, order: OrderView) -> StageClock:
    settings = unit.settings
    return StageClock(
        days=pipeline.days_in_stage(order.stage_since, unit.now),
        sla_days=pipeline.sla_days(settings, order.stage),
        late=pipeline.is_late(settings, order.stage, order.stage_since, unit.now),
    )


def status(unit: Unit, number: str, reader: str) -> StatusView:
    order = views.get(unit, number)
    watchers = _watchers(unit, order.id)
    recent = changes(unit, order.id, RECENT)
    return StatusView(order, clock(unit, order), recent, reader in watchers, len(watchers))


def history(unit: Unit, number: str, limit: int = PAGE_SIZE, offset: int = 0) -> HistoryPage:
    """The order's changes, newest first, `limit` of them from `offset`."""
    order = views.get(unit, number)
    count = select(func.count()).select_from(OrderChange).where(OrderChange.order_id == order.id)
    total = unit.session.scalar(count) or 0
    return HistoryPage(order, changes(unit, order.id, limit, offset), total)


def changes(unit: Unit, order_id: int, limit: int, offset: int = 0) -> list[ChangeView]:
    """`limit` changes from `offset`, newest first."""
    query = (
        select(OrderChange)
        .where(OrderChange.order_id == order_id)
        .order_by(OrderChange.changed_at.desc(), OrderChange.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return [_change_view(change) for change in unit.session.scalars(query)]


def _change_view(change: OrderChange) -> ChangeView:
    body: dict[str, Any] = change.changes or {}
    return ChangeView(
        change.id,
        change.changed_at,
        change.actor,
        change.source,
        body.get("action", "updated"),
        dict(body.get("fields", {})),
    )


def _watchers(unit: Unit, order_id: int) -> list[str]:
    query = select(OrderWatcher.member_id).where(OrderWatcher.order_id == order_id)
    return list(unit.session.scalars(query))


def list_orders(
    unit: Unit,
    stage: str | None = None,
    customer: str | None = None,
    late: bool = False,
    limit: int = PAGE_SIZE,
    offset: int = 0,
) -> OrderList:
    """Orders matching every filter given, the longest in their stage first. Without a stage,
    only open ones: delivered and cancelled orders would otherwise fill the top for ever."""
    conditions = _filters(unit, stage, customer, late)
    base = select(Order, Customer.name).join(Customer, Customer.id == Order.customer_id)
    query = base.where(*conditions).order_by(Order.stage_since, Order.id)
    total = unit.session.scalar(select(func.count()).select_from(Order).where(*conditions)) or 0
    rows = unit.session.execute(query.limit(limit).offset(offset))
    listed = [views.view(order, name) for order, name in rows]
    return OrderList([ListedOrder(each, clock(unit, each)) for each in listed], total)


def _filters(unit: Unit, stage: str | None, customer: str | None, late: bool) -> list[Any]:
    conditions: list[Any] = []
    if stage:
        conditions.append(Order.stage == pipeline.resolve(unit.settings, stage))
    else:
        conditions.append(Order.stage.not_in(pipeline.CLOSED_STAGES))
    if customer:
        conditions.append(Order.customer_id == customers.get(unit, customer).id)
    if late:
        conditions.append(_late_condition(unit))
    return conditions


def _late_condition(unit: Unit) -> Any:
    cutoffs = pipeline.late_cutoffs(unit.settings, unit.now)
    late = [and_(Order.stage == key, Order.stage_since < cutoff) for key, cutoff in cutoffs.items()]
    return or_(*late) if late else false()
