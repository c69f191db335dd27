"""`/order status`: the order at a glance, as one reader sees it.

Every press of a card's button and every `/order status` reads the same few facts: the order
and its customer, how many watch it and whether the reader does, whether any step of its
stage's checklist was handed out, and its latest changes. They come from two selects built
once: as prepared selects on the driver's connection (`status_of`, storage.prepared), or on a
unit's session for the building block `status` (a write unit shows the card of what it
saved). An order whose checklist was handed out, and a number no order has (the answer then
suggests close ones), take the full read.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, bindparam, exists, func, select

from storage.models import Customer, Order, OrderChange, OrderWatcher, PlaybookStep, Task
from storage.prepared import Prepared, table

from ..core import Core
from ..playbooks import queries as playbooks
from ..playbooks.views import Checklist
from ..unit import Lookup, Unit
from . import pipeline
from .queries import clock, not_found
from .views import StatusView, change_view, number_key, view

RECENT = 3  # changes a status card shows


def status_of(core: Core, number: str, reader: str) -> StatusView:
    """`/order status`: the order at a glance, as `reader` sees it (a read)."""
    with core.lookup() as lookup:
        card = lookup.reader.first(CARD, key=number_key(number), reader=reader)
        if card is not None and not card.handed:
            recent = lookup.reader.all(RECENT_CHANGES, order_id=card.id)
            checklist = playbooks.pending_checklist(lookup.settings, card.stage)
            return _status_view(lookup, card, recent, checklist)
    with core.read() as unit:
        return status(unit, number, reader)


def status(unit: Unit, number: str, reader: str) -> StatusView:
    """The card as `reader` sees it, read in `unit` (NotFound suggesting close numbers)."""
    unit.session.flush()  # Core statements do not flush: a write unit shows what it changed
    params = {"key": number_key(number), "reader": reader}
    card = unit.session.execute(CARD.select, params).first()
    if card is None:
        raise not_found(unit, number)
    recent = unit.session.execute(RECENT_CHANGES.select, {"order_id": card.id})
    checklist = playbooks.checklist(unit, card.id, card.stage, any_handed=bool(card.handed))
    return _status_view(unit, card, recent, checklist)


def _status_view(
    unit: Unit | Lookup, card: Any, recent: Iterable[Any], checklist: Checklist | None
) -> StatusView:
    order = view(card, card.customer_name or "", card.customer_country)
    return StatusView(
        order,
        clock(unit, order),
        [change_view(change) for change in recent],
        watching=bool(card.watching),
        watchers=card.watchers,
        responsible=pipeline.responsible_role(unit.settings, order.stage),
        pipeline=pipeline.view(unit.settings),
        checklist=checklist,
    )


def _card_query() -> Select[Any]:
    """The order, its customer, its watchers (and whether the reader is one), and whether
    any step of its stage's checklist was handed out: one row."""
    orders, customers = table(Order), table(Customer)
    watchers, steps, tasks = table(OrderWatcher), table(PlaybookStep), table(Task)
    of_order = watchers.c.order_id == orders.c.id
    handed = (
        exists()
        .select_from(steps.join(tasks, tasks.c.id == steps.c.task_id))
        .where(steps.c.order_id == orders.c.id, steps.c.stage == orders.c.stage)
    )
    return (
        select(
            orders,
            customers.c.name.label("customer_name"),
            customers.c.country.label("customer_country"),
            select(func.count()).where(of_order).scalar_subquery().label("watchers"),
            exists().where(of_order, watchers.c.member_id == bindparam("reader")).label("watching"),
            handed.label("handed"),
        )
        .outerjoin(customers, customers.c.id == orders.c.customer_id)
        .where(orders.c.number_key == bindparam("key"))
    )


def _recent_query() -> Select[Any]:
    changes = table(OrderChange)
    return (
        select(changes)
        .where(changes.c.order_id == bindparam("order_id"))
        .order_by(changes.c.changed_at.desc(), changes.c.id.desc())
        .limit(RECENT)
    )


CARD = Prepared(_card_query)
RECENT_CHANGES = Prepared(_recent_query)
