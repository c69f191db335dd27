"""Reading feedback: one item with its story, a page of a list, a customer at a glance, what
is overdue, and what the "Log feedback" form offers."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, or_, select

from storage.models import FeedbackComment, FeedbackEvent, FeedbackItem
from storage.models.feedback import IN_PROGRESS, OPEN

from .. import customers, orders
from ..core import Core
from ..customers import CustomerView
from ..errors import InvalidInput, NotFound
from ..orders import pipeline
from ..paging import Page, fetch_page
from ..unit import Unit
from .parsing import (
    DEFAULT_SEVERITY,
    SEVERITIES,
    ListAsk,
    categories,
    default_category,
    find_customer,
)
from .views import (
    AddForm,
    CommentView,
    CustomerOrders,
    CustomerOverview,
    FeedbackDetail,
    FeedbackPage,
    FeedbackView,
    HistoryEntry,
    OrderLine,
    StageCount,
    select_items,
    view_of_row,
)

PAGE_SIZE = 15
SCOPES = ("open", "mine", "customer", "order", "all")
RECENT = 10
UNRESOLVED = (OPEN, IN_PROGRESS)
CUSTOMER_ORDERS = 15  # shown at a glance; `/order list customer NAME` has the rest


def detail(core: Core, item_id: int) -> FeedbackDetail:
    """`/feedback show`: the item, its comments and its history, oldest first."""
    with core.read() as unit:
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


def list_items(core: Core, actor_id: str, ask: ListAsk) -> FeedbackPage:
    """A page of open items (most urgent first), the actor's own open items, a customer's or
    an order's items, or all of them (newest first, resolved ones too)."""
    with core.read() as unit:
        conditions, subject = _scope(unit, actor_id, ask.scope, ask.value.strip())
        urgent_first = ask.scope in ("open", "mine")
        order = by_due() if urgent_first else newest_first()
        return FeedbackPage(ask.scope, subject, _page(unit, conditions, order, ask.page))


def _page(unit: Unit, conditions: list[Any], order: tuple[Any, ...], number: int) -> Page[Any]:
    """The page's items alone first, then their customers' names and order numbers.

    Joined from the start, SQLite's planner (which knows how many statuses there are, not
    that nearly every item is resolved) walked every customer's items to find the open ones:
    a third of a second at 100,000 items, where the status index finds them at once.
    """
    ids = select(FeedbackItem.id).where(*conditions).order_by(*order)
    paged = fetch_page(unit.session, ids, number, int, size=PAGE_SIZE)
    rows = unit.session.execute(
        select_items().where(FeedbackItem.id.in_(paged.items)).order_by(*order)
    )
    items = [view_of_row(unit, tuple(row)) for row in rows]
    return Page(items, paged.number, paged.pages, paged.total)


def customer_overview(core: Core, name: str) -> CustomerOverview:
    """`/feedback customer`: their running orders, open and latest feedback, counts."""
    with core.read() as unit:
        customer = find_customer(unit, name)
        of_customer = FeedbackItem.customer_id == customer.id
        unresolved = (of_customer, unresolved_items())
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


def add_form(core: Core, customer_limit: int) -> AddForm:
    """What the form offers; InvalidInput while there are no customers to log feedback for."""
    with core.read() as unit:
        names = customers.names(unit, limit=customer_limit)
    if not names:
        raise InvalidInput("feedback.error.no_customers_yet")
    known = categories(core.settings)
    return AddForm(names, known, default_category(core.settings), SEVERITIES, DEFAULT_SEVERITY)


def get(unit: Unit, item_id: int) -> FeedbackView:
    row = unit.session.execute(select_items().where(FeedbackItem.id == item_id)).first()
    if row is None:
        raise NotFound("feedback.error.unknown_item", id=item_id)
    return view_of_row(unit, tuple(row))


def _entry(event: FeedbackEvent) -> HistoryEntry:
    return HistoryEntry(
        event.actor_id,
        event.action,
        event.from_status,
        event.to_status,
        event.detail,
        event.created_at,
    )


def find_order(unit: Unit, number: str) -> orders.OrderView:
    order = orders.find_by_number(unit, number.lstrip("#"))
    if order is None:
        raise NotFound("feedback.error.unknown_order", number=number)
    return order


def _scope(unit: Unit, actor_id: str, scope: str, value: str) -> tuple[list[Any], str]:
    """The conditions a list's scope stands for, and the customer or order it names."""
    if scope not in SCOPES:
        raise InvalidInput("feedback.error.unknown_scope", scope=scope)
    if scope in ("customer", "order") and not value:
        raise InvalidInput(f"feedback.error.no_{scope}")
    unresolved = unresolved_items()
    if scope == "customer":
        customer = find_customer(unit, value)
        return [FeedbackItem.customer_id == customer.id], customer.name
    if scope == "order":
        order = find_order(unit, value)
        return [FeedbackItem.order_id == order.id], order.number
    if scope == "mine":
        return [unresolved, FeedbackItem.assignee_id == actor_id], ""
    return ([unresolved] if scope == "open" else []), ""


def unresolved_items() -> Any:
    """Items still open or in progress, as a condition the status index can serve (`!=`
    resolved makes both databases read every item: nearly all are resolved)."""
    return FeedbackItem.status.in_(UNRESOLVED)


def count_items(unit: Unit, *conditions: Any) -> int:
    """How many items meet the conditions."""
    return unit.session.scalar(select(func.count(FeedbackItem.id)).where(*conditions)) or 0


def by_due() -> tuple[Any, ...]:
    """The order of open items: the one whose resolution is due soonest first."""
    return FeedbackItem.resolution_due_at, FeedbackItem.id


def newest_first() -> tuple[Any, ...]:
    """The order of lists that include resolved items."""
    return FeedbackItem.created_at.desc(), FeedbackItem.id.desc()


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
    many have been delivered or cancelled, with the stages' names from config."""
    running = orders.list_orders(unit, customer=customer.name, limit=CUSTOMER_ORDERS)
    lines = [
        OrderLine(o.order.number, o.order.stage, _stage_names(unit, o.order.stage), o.clock.late)
        for o in running.orders
    ]
    finished = [
        _finished(unit, customer, stage)
        for stage in pipeline.CLOSED_STAGES
        if pipeline.stage(unit.settings, stage) is not None
    ]
    return CustomerOrders(lines, running.total, [each for each in finished if each.count])


def _finished(unit: Unit, customer: CustomerView, stage: str) -> StageCount:
    found = orders.list_orders(unit, stage=stage, customer=customer.name, limit=0)
    return StageCount(stage, _stage_names(unit, stage), found.total)


def _stage_names(unit: Unit, stage: str) -> dict[str, str]:
    return pipeline.names(unit.settings, stage)


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
        .where(unresolved_items(), late)
        .order_by(FeedbackItem.first_response_due_at, FeedbackItem.id)
    )
    return [view_of_row(unit, tuple(row)) for row in unit.session.execute(query)]
