"""Feedback as read-only values: what handlers, renderers and other features see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from storage.models import Customer, FeedbackItem, Order
from storage.models.feedback import RESOLVED

from ..comments import CommentView
from ..customers import CustomerView
from ..paging import Page
from ..unit import Unit
from .sla import breached


@dataclass(frozen=True)
class FeedbackView:
    id: int
    customer_id: int
    customer_name: str
    order_id: int | None
    order_number: str | None
    category: str
    severity: str
    status: str
    text: str
    reporter_id: str | None
    assignee_id: str | None
    resolution: str | None
    created_at: datetime
    first_response_due_at: datetime
    resolution_due_at: datetime
    first_responded_at: datetime | None
    resolved_at: datetime | None
    as_of: datetime  # the "now" of the view: waiting times and breaches count to it

    @property
    def is_resolved(self) -> bool:
        return self.status == RESOLVED

    @property
    def time_to_first_response(self) -> timedelta | None:
        return self.first_responded_at - self.created_at if self.first_responded_at else None

    @property
    def time_to_resolution(self) -> timedelta | None:
        return self.resolved_at - self.created_at if self.resolved_at else None

    @property
    def waiting(self) -> timedelta:
        """How long the customer has been waiting so far."""
        return self.as_of - self.created_at

    @property
    def first_response_breached(self) -> bool:
        return breached(self.first_response_due_at, self.first_responded_at, self.as_of)

    @property
    def resolution_breached(self) -> bool:
        return breached(self.resolution_due_at, self.resolved_at, self.as_of)

    @property
    def overdue(self) -> bool:
        """Unresolved and past a deadline it has not met: what the escalation sweep acts on."""
        return not self.is_resolved and (self.first_response_breached or self.resolution_breached)


@dataclass(frozen=True)
class Change:
    item: FeedbackView
    changed: bool  # False when the item already was that way (a button pressed twice)


@dataclass(frozen=True)
class HistoryEntry:
    actor_id: str | None
    action: str  # created, assigned, started, resolved, reopened, severity
    from_status: str | None
    to_status: str | None
    detail: str | None
    created_at: datetime


@dataclass(frozen=True)
class FeedbackDetail:
    item: FeedbackView
    comments: list[CommentView]
    history: list[HistoryEntry]


@dataclass(frozen=True)
class FeedbackPage:
    """One page of a list (clamped to the pages there are), and which list it is."""

    scope: str  # open, mine, customer, order, all
    subject: str  # the customer's name or the order number as stored; "" for other scopes
    page: Page[FeedbackView]

    @property
    def next_number(self) -> int:
        """The page a reader goes to next: the following one, or the first from the last."""
        return self.page.number + 1 if self.page.has_next else 1


@dataclass(frozen=True)
class OrderLine:
    number: str
    stage: str
    stage_names: dict[str, str]  # the stage's name in each language, from config
    late: bool  # past its stage's SLA


@dataclass(frozen=True)
class StageCount:
    stage: str
    stage_names: dict[str, str]
    count: int


@dataclass(frozen=True)
class CustomerOrders:
    running: list[OrderLine]  # the first of them, longest in their stage first
    running_total: int
    finished: list[StageCount]  # delivered, cancelled: how many (stages with none left out)


@dataclass(frozen=True)
class CustomerOverview:
    customer: CustomerView
    orders: CustomerOrders
    open_items: list[FeedbackView]  # ten unresolved, the one due soonest first
    open_total: int
    recent: list[FeedbackView]  # the last ten, newest first, whatever their status
    by_category: dict[str, int]  # every item ever logged for this customer
    total: int


@dataclass(frozen=True)
class AddForm:
    """What the "Log feedback" form offers: customers to pick, categories from config."""

    customers: list[str]  # by name; one more than the form holds means "type it"
    categories: tuple[str, ...]
    default_category: str
    severities: tuple[str, ...]
    default_severity: str


def select_items() -> Any:
    """Items with their customer's name and order number, for view_of_row.

    The one place feedback reads the orders table (read-only, for the number): the orders
    feature has no look-up by id, and a join keeps a list to one query."""
    return (
        select(FeedbackItem, Customer.name, Order.number)
        .join(Customer, Customer.id == FeedbackItem.customer_id)
        .outerjoin(Order, Order.id == FeedbackItem.order_id)
    )


def view_of_row(unit: Unit, row: tuple[FeedbackItem, str, str | None]) -> FeedbackView:
    item, customer_name, order_number = row
    return FeedbackView(
        id=item.id,
        customer_id=item.customer_id,
        customer_name=customer_name,
        order_id=item.order_id,
        order_number=order_number,
        category=item.category,
        severity=item.severity,
        status=item.status,
        text=item.text,
        reporter_id=item.reporter_id,
        assignee_id=item.assignee_id,
        resolution=item.resolution,
        created_at=item.created_at,
        first_response_due_at=item.first_response_due_at,
        resolution_due_at=item.resolution_due_at,
        first_responded_at=item.first_responded_at,
        resolved_at=item.resolved_at,
        as_of=unit.now,
    )


def view_of(unit: Unit, item: FeedbackItem) -> FeedbackView:
    """The view of an item just changed in this unit (flushed first, so the row is current)."""
    unit.session.flush()
    row = unit.session.execute(select_items().where(FeedbackItem.id == item.id)).one()
    return view_of_row(unit, tuple(row))
