"""Finding feedback: one item with its story, a page of a list, what is overdue."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, or_, select

from storage.models import FeedbackComment, FeedbackEvent, FeedbackItem
from storage.models.feedback import RESOLVED

from .. import customers, orders
from ..customers import CustomerView
from ..errors import InvalidInput, NotFound
from ..unit import Unit
from .views import (
    CommentView,
    FeedbackDetail,
    FeedbackPage,
    FeedbackView,
    HistoryEntry,
    select_items,
    view_of_row,
)

PAGE_SIZE = 15
SCOPES = ("open", "mine", "customer", "order", "all")
NO_SUGGESTIONS = "—"  # what bot.customers suggests when nothing is close


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


def find_customer(unit: Unit, name: str) -> CustomerView:
    """The customer called `name`; NotFound says how customers come in (with an order)."""
    try:
        return customers.get(unit, name)
    except NotFound as error:
        suggestions = error.params.get("suggestions", NO_SUGGESTIONS)
        close = suggestions != NO_SUGGESTIONS
        key = "feedback.error.unknown_customer" + ("_close" if close else "")
        raise NotFound(key, name=name.strip(), suggestions=suggestions) from error


def find_order(unit: Unit, number: str) -> orders.OrderView:
    order = orders.find_by_number(unit, number.lstrip("#"))
    if order is None:
        raise NotFound("feedback.error.unknown_order", number=number)
    return order


def list_items(
    unit: Unit, actor_id: str, scope: str = "open", value: str = "", page: int = 1
) -> FeedbackPage:
    """A page of open items (most urgent first), the actor's own open items, a customer's or
    an order's items, or all of them (newest first, resolved ones too)."""
    conditions, subject = _scope(unit, actor_id, scope, value.strip())
    total = count_items(unit, *conditions)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    urgent_first = scope in ("open", "mine")
    query = (
        select_items()
        .where(*conditions)
        .order_by(*(by_due() if urgent_first else newest_first()))
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    )
    items = [view_of_row(unit, tuple(row)) for row in unit.session.execute(query)]
    return FeedbackPage(items, scope, subject, page, pages, total)


def _scope(unit: Unit, actor_id: str, scope: str, value: str) -> tuple[list[Any], str]:
    """The conditions a list's scope stands for, and the customer or order it names."""
    if scope not in SCOPES:
        raise InvalidInput("feedback.error.unknown_scope", scope=scope)
    if scope in ("customer", "order") and not value:
        raise InvalidInput(f"feedback.error.no_{scope}")
    unresolved = FeedbackItem.status != RESOLVED
    if scope == "customer":
        customer = find_customer(unit, value)
        return [FeedbackItem.customer_id == customer.id], customer.name
    if scope == "order":
        order = find_order(unit, value)
        return [FeedbackItem.order_id == order.id], order.number
    if scope == "mine":
        return [unresolved, FeedbackItem.assignee_id == actor_id], ""
    return ([unresolved] if scope == "open" else []), ""


def count_items(unit: Unit, *conditions: Any) -> int:
    """How many items meet the conditions."""
    return unit.session.scalar(select(func.count(FeedbackItem.id)).where(*conditions)) or 0


def by_due() -> tuple[Any, ...]:
    """The order of open items: the one whose resolution is due soonest first."""
    return FeedbackItem.resolution_due_at, FeedbackItem.id


def newest_first() -> tuple[Any, ...]:
    """The order of lists that include resolved items."""
    return FeedbackItem.created_at.desc(), FeedbackItem.id.desc()


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
