"""Finding feedback: one item with its story, lists, a customer at a glance, what is overdue."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, or_, select

from storage.models import FeedbackComment, FeedbackEvent, FeedbackItem, Order
from storage.models.feedback import RESOLVED

from .. import customers, orders
from ..errors import InvalidInput, NotFound
from ..unit import Unit
from .views import (
    CommentView,
    CustomerOverview,
    FeedbackDetail,
    FeedbackView,
    HistoryEntry,
    OrderLine,
    select_items,
    view_of_row,
)

LIST_LIMIT = 200
RECENT = 10
CUSTOMER_ORDERS = 15


def get(unit: Unit, item_id: int) -> FeedbackView:
    row = unit.session.execute(select_items().where(FeedbackItem.id == item_id)).first()
    if row is None:
        raise NotFound("feedback.error.unknown_item", id=item_id)
    return view_of_row(unit, tuple(row))


def detail(unit: Unit, item_id: int) -> FeedbackDetail:
    item = get(unit, item_id)
    comments = unit.session.scalars(
        select(FeedbackComment)
        .where(FeedbackComment.feedback_id == item_id)
        .order_by(FeedbackComment.created_at, FeedbackComment.id)
    )
    events = unit.session.scalars(
        select(FeedbackEvent)
        .where(FeedbackEvent.feedback_id == item_id)
        .order_by(FeedbackEvent.created_at, FeedbackEvent.id)
    )
    return FeedbackDetail(
        item,
        [CommentView(c.author_id, c.text, c.created_at) for c in comments],
        [_entry(event) for event in events],
    )


def _entry(event: FeedbackEvent) -> HistoryEntry:
    return HistoryEntry(
        event.actor_id,
        event.action,
        event.from_status,
        event.to_status,
        event.detail,
        event.created_at,
    )


def list_items(
    unit: Unit, actor_id: str, scope: str = "open", value: str = ""
) -> list[FeedbackView]:
    """Open items (most urgent first), the actor's own open items, or a customer's or an
    order's items, or all (newest first, resolved ones too)."""
    if scope in ("customer", "order") and not value.strip():
        raise InvalidInput(f"feedback.error.no_{scope}")
    if scope == "open":
        return _open_items(unit)
    if scope == "mine":
        return _open_items(unit, FeedbackItem.assignee_id == actor_id)
    if scope == "customer":
        return _items(unit, FeedbackItem.customer_id == customers.get(unit, value).id)
    if scope == "order":
        return _items(unit, FeedbackItem.order_id == find_order(unit, value).id)
    if scope == "all":
        return _items(unit)
    raise InvalidInput("feedback.error.unknown_scope", scope=scope)


def _open_items(unit: Unit, *conditions: Any) -> list[FeedbackView]:
    query = (
        select_items()
        .where(FeedbackItem.status != RESOLVED, *conditions)
        .order_by(FeedbackItem.resolution_due_at, FeedbackItem.id)
        .limit(LIST_LIMIT)
    )
    return [view_of_row(unit, tuple(row)) for row in unit.session.execute(query)]


def find_order(unit: Unit, number: str) -> orders.OrderView:
    order = orders.find_by_number(unit, number.lstrip("#"))
    if order is None:
        raise NotFound("feedback.error.unknown_order", number=number)
    return order


def customer_overview(unit: Unit, name: str) -> CustomerOverview:
    customer = customers.get(unit, name)
    of_customer = FeedbackItem.customer_id == customer.id
    counts = _category_counts(unit, customer.id)
    return CustomerOverview(
        customer=customer,
        orders=customer_orders(unit, customer.id),
        open_items=_items(unit, of_customer, FeedbackItem.status != RESOLVED),
        recent=_items(unit, of_customer, limit=RECENT),
        by_category=counts,
        total=sum(counts.values()),
    )


def _items(unit: Unit, *conditions: Any, limit: int = LIST_LIMIT) -> list[FeedbackView]:
    """Newest first."""
    query = (
        select_items()
        .where(*conditions)
        .order_by(FeedbackItem.created_at.desc(), FeedbackItem.id.desc())
        .limit(limit)
    )
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


def customer_orders(unit: Unit, customer_id: int) -> list[OrderLine]:
    """The customer's latest orders (read straight from the orders table; orders has no
    list-by-customer function)."""
    rows = unit.session.execute(
        select(Order.number, Order.stage)
        .where(Order.customer_id == customer_id)
        .order_by(Order.created_at.desc(), Order.id.desc())
        .limit(CUSTOMER_ORDERS)
    )
    return [OrderLine(number, stage) for number, stage in rows]


def overdue_sla_items(unit: Unit) -> list[FeedbackView]:
    """Unresolved items past their first-response deadline (with no response yet) or past
    their resolution deadline, as of unit.now; earliest first-response deadline first.
    For the escalation sweep."""
    late = or_(
        and_(
            FeedbackItem.first_responded_at.is_(None),
            FeedbackItem.first_response_due_at < unit.now,
        ),
        FeedbackItem.resolution_due_at < unit.now,
    )
    query = (
        select_items()
        .where(FeedbackItem.status != RESOLVED, late)
        .order_by(FeedbackItem.first_response_due_at, FeedbackItem.id)
    )
    return [view_of_row(unit, tuple(row)) for row in unit.session.execute(query)]
