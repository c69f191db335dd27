"""What reads orders: finding one by number, `history` and `list` (`/order status`: status.py).

The entry points the Slack side calls (`history_page`, `list_page`) each open one read unit,
so they answer beside a writer (an import holding SQLite's write lock).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Select, and_, false, func, or_, select

from storage.models import Customer, Order, OrderChange, OrderWatcher

from .. import customers
from ..core import Core
from ..errors import NotFound
from ..paging import PAGE_SIZE, fetch_page
from ..unit import Lookup, Unit
from . import pipeline
from .views import (
    HistoryPage,
    ListedOrder,
    ListQuery,
    OrderList,
    OrderPage,
    OrderView,
    StageClock,
    change_view,
    number_key,
    view,
)


def history_page(core: Core, number: str, page: int = 1) -> HistoryPage:
    """`/order history`: a page of the order's changes, newest first (a read)."""
    with core.read() as unit:
        return history(unit, number, page)


def list_page(core: Core, query: ListQuery) -> OrderPage:
    """`/order list`: a page of the orders matching the filters (a read)."""
    with core.read() as unit:
        stage = pipeline.resolve(unit.settings, query.stage) if query.stage else None
        listing = _listing(unit, stage, query.customer, query.late)
        page = fetch_page(unit.session, listing, query.page, _listed(unit), scalars=False)
        return OrderPage(query, stage, page, pipeline.view(unit.settings))


def find_model(unit: Unit, number: str, lock: bool = False) -> Order | None:
    """The order; `lock` takes its row lock (PostgreSQL) for a read-modify-write: without it
    two `/order update … note` at once both append to the notes they read, and one is lost."""
    query = select(Order).where(Order.number_key == number_key(number))
    return unit.session.scalars(query.with_for_update() if lock else query).first()


def find_by_number(unit: Unit, number: str) -> OrderView | None:
    """The order with this number (any case), or None; the order and its customer in one
    query, as every card shows them together."""
    query = (
        select(Order, Customer.name, Customer.country)
        .outerjoin(Customer, Customer.id == Order.customer_id)
        .where(Order.number_key == number_key(number))
    )
    row = unit.session.execute(query).first()
    return view(row[0], row[1] or "", row[2]) if row else None


def full_view(unit: Unit, order: Order) -> OrderView:
    customer = unit.session.get(Customer, order.customer_id)
    return view(order, customer.name if customer else "", customer.country if customer else None)


def all_orders(unit: Unit) -> Iterator[OrderView]:
    """Every order, by number, read in chunks (an export may hold tens of thousands)."""
    query = (
        select(Order, Customer.name, Customer.country)
        .join(Customer, Customer.id == Order.customer_id)
        .order_by(Order.number_key)
        .execution_options(yield_per=1000)
    )
    for order, name, country in unit.session.execute(query):
        yield view(order, name, country)


def get_model(unit: Unit, number: str) -> Order:
    order = find_model(unit, number)
    if order is None:
        raise not_found(unit, number)
    return order


def get(unit: Unit, number: str) -> OrderView:
    """The order with this number, or NotFound suggesting close numbers."""
    found = find_by_number(unit, number)
    if found is None:
        raise not_found(unit, number)
    return found


def not_found(unit: Unit, number: str) -> NotFound:
    close = suggest(unit, number)
    if close:
        return NotFound("orders.error.unknown_close", number=number.strip(), suggestions=close)
    return NotFound("orders.error.unknown", number=number.strip())


def suggest(unit: Unit, number: str, limit: int = 3) -> str:
    """Numbers that look like `number`: containing it, or close by spelling ("" when none)."""
    key = number_key(number)
    containing = select(Order.number).where(Order.number_key.contains(key, autoescape=True))
    close = list(unit.session.scalars(containing.order_by(Order.number).limit(limit)))
    if len(close) < limit:
        every = {each.casefold(): each for each in unit.session.scalars(select(Order.number))}
        matches = difflib.get_close_matches(key, list(every), n=limit, cutoff=0.6)
        close += [every[match] for match in matches]
    return ", ".join(f"`{each}`" for each in list(dict.fromkeys(close))[:limit])


def clock(unit: Unit | Lookup, order: OrderView) -> StageClock:
    settings = unit.settings
    return StageClock(
        days=pipeline.days_in_stage(order.stage_since, unit.now),
        sla_days=pipeline.sla_days(settings, order.stage),
        late=pipeline.is_late(settings, order.stage, order.stage_since, unit.now),
    )


def history(unit: Unit, number: str, page: int = 1) -> HistoryPage:
    """The order's changes, newest first, a page at a time."""
    order = get(unit, number)
    changes = fetch_page(unit.session, _changes(order.id), page, change_view)
    return HistoryPage(order, changes, pipeline.view(unit.settings))


def _changes(order_id: int) -> Select[Any]:
    return (
        select(OrderChange)
        .where(OrderChange.order_id == order_id)
        .order_by(OrderChange.changed_at.desc(), OrderChange.id.desc())
    )


def watcher_ids(unit: Unit, order_id: int) -> list[str]:
    query = select(OrderWatcher.member_id).where(OrderWatcher.order_id == order_id)
    return sorted(unit.session.scalars(query))


def list_orders(
    unit: Unit,
    stage: str | None = None,
    customer: str | None = None,
    late: bool = False,
    limit: int = PAGE_SIZE,
    offset: int = 0,
) -> OrderList:
    """Orders matching every filter given, the longest in their stage first (`limit` of them
    from `offset`), and how many match in all; what the customer overview shows."""
    key = pipeline.resolve(unit.settings, stage) if stage else None
    listing = _listing(unit, key, customer, late)
    total = unit.session.scalar(select(func.count()).select_from(listing.subquery())) or 0
    rows = unit.session.execute(listing.limit(limit).offset(offset))
    return OrderList([_listed(unit)(row) for row in rows], total)


def _listing(unit: Unit, stage: str | None, customer: str | None, late: bool) -> Select[Order, str]:
    """Without a stage, only open orders: delivered and cancelled ones would otherwise fill
    the top for ever."""
    conditions: list[Any] = [
        Order.stage == stage if stage else Order.stage.not_in(pipeline.CLOSED_STAGES)
    ]
    if customer:
        conditions.append(Order.customer_id == customers.get(unit, customer).id)
    if late:
        conditions.append(_late_condition(unit))
    base = select(Order, Customer.name).join(Customer, Customer.id == Order.customer_id)
    return base.where(*conditions).order_by(Order.stage_since, Order.id)


def _listed(unit: Unit) -> Callable[[Any], ListedOrder]:
    """A row of the listing (an order and its customer's name) as a list shows it."""

    def convert(row: Any) -> ListedOrder:
        order = view(row[0], row[1])
        return ListedOrder(order, clock(unit, order))

    return convert


def _late_condition(unit: Unit) -> Any:
    cutoffs = pipeline.late_cutoffs(unit.settings, unit.now)
    late = [and_(Order.stage == key, Order.stage_since < cutoff) for key, cutoff in cutoffs.items()]
    return or_(*late) if late else false()
