"""Orders as read-only values, and the queries that find them."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select

from storage.models import Customer, Order

from ..errors import NotFound
from ..unit import Unit


@dataclass(frozen=True)
class OrderView:
    id: int
    number: str
    customer_id: int
    customer_name: str
    owner_id: str | None
    stage: str
    stage_since: datetime
    incoterm: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    supplier: str | None = None
    port_of_loading: str | None = None
    port_of_discharge: str | None = None
    etd: date | None = None
    eta: date | None = None
    vessel: str | None = None
    containers: tuple[str, ...] = ()
    bl_number: str | None = None
    balance_due: date | None = None
    paid_on: date | None = None
    notes: str | None = None
    customer_country: str | None = None


def number_key(number: str) -> str:
    """What order numbers match on: trimmed and casefolded."""
    return number.strip().casefold()


def view(order: Order, customer_name: str, customer_country: str | None = None) -> OrderView:
    return OrderView(
        id=order.id,
        number=order.number,
        customer_id=order.customer_id,
        customer_name=customer_name,
        owner_id=order.owner_id,
        stage=order.stage,
        stage_since=order.stage_since,
        incoterm=order.incoterm,
        amount=order.amount,
        currency=order.currency,
        supplier=order.supplier,
        port_of_loading=order.port_of_loading,
        port_of_discharge=order.port_of_discharge,
        etd=order.etd,
        eta=order.eta,
        vessel=order.vessel,
        containers=tuple(order.containers or ()),
        bl_number=order.bl_number,
        balance_due=order.balance_due,
        paid_on=order.paid_on,
        notes=order.notes,
        customer_country=customer_country,
    )


def find_model(unit: Unit, number: str) -> Order | None:
    query = select(Order).where(Order.number_key == number_key(number))
    return unit.session.scalars(query).first()


def find_by_number(unit: Unit, number: str) -> OrderView | None:
    """The order with this number (any case), or None."""
    order = find_model(unit, number)
    return full_view(unit, order) if order else None


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
    return full_view(unit, get_model(unit, number))


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
