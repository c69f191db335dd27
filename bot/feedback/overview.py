"""A customer at a glance: their running orders and their feedback."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from storage.models import FeedbackItem
from storage.models.feedback import RESOLVED

from .. import orders
from ..customers import CustomerView
from ..orders import pipeline
from ..unit import Unit
from .queries import by_due, count_items, find_customer, newest_first
from .views import (
    CustomerOrders,
    CustomerOverview,
    FeedbackView,
    OrderLine,
    select_items,
    view_of_row,
)

RECENT = 10
CUSTOMER_ORDERS = 15  # shown at a glance; `/order list customer NAME` has the rest


def customer_overview(unit: Unit, name: str) -> CustomerOverview:
    customer = find_customer(unit, name)
    of_customer = FeedbackItem.customer_id == customer.id
    unresolved = (of_customer, FeedbackItem.status != RESOLVED)
    counts = _category_counts(unit, customer.id)
    return CustomerOverview(
        customer=customer,
        orders=customer_orders(unit, customer),
        open_items=_items(unit, *unresolved, order=by_due()),
        open_total=count_items(unit, *unresolved),
        recent=_items(unit, of_customer),
        by_category=counts,
        total=sum(counts.values()),
    )


def _items(unit: Unit, *conditions: Any, order: tuple[Any, ...] = ()) -> list[FeedbackView]:
    """The first RECENT items that meet the conditions, newest first unless ordered."""
    query = select_items().where(*conditions).order_by(*(order or newest_first())).limit(RECENT)
    return [view_of_row(unit, tuple(row)) for row in unit.session.execute(query)]


def _category_counts(unit: Unit, customer_id: int) -> dict[str, int]:
    """Every item ever logged for the customer, by category, most frequent first."""
    rows = unit.session.execute(
        select(FeedbackItem.category, func.count())
        .where(FeedbackItem.customer_id == customer_id)
        .group_by(FeedbackItem.category)
    )
    counts = {str(category): int(count) for category, count in rows}
    return dict(sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])))


def customer_orders(unit: Unit, customer: CustomerView) -> CustomerOrders:
    """The customer's running orders (the orders feature lists those by default) and how
    many have been delivered or cancelled."""
    running = orders.list_orders(unit, customer=customer.name, limit=CUSTOMER_ORDERS)
    lines = [OrderLine(o.order.number, o.order.stage, o.clock.late) for o in running.orders]
    finished = {
        stage: orders.list_orders(unit, stage=stage, customer=customer.name, limit=0).total
        for stage in pipeline.CLOSED_STAGES
        if pipeline.stage(unit.settings, stage) is not None
    }
    return CustomerOrders(lines, running.total, {k: n for k, n in finished.items() if n})
