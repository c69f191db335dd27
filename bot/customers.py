"""Customers, shared by orders and feedback: matched by name whatever the case."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from sqlalchemy import func, select

from storage import db
from storage.models import Customer

from .errors import InvalidInput, NotFound
from .unit import Unit

MAX_NAME = 200


@dataclass(frozen=True)
class CustomerView:
    id: int
    name: str
    owner_id: str | None
    country: str | None


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _view(customer: Customer) -> CustomerView:
    return CustomerView(customer.id, customer.name, customer.owner_id, customer.country)


def find(unit: Unit, name: str) -> CustomerView | None:
    customer = unit.session.scalars(select(Customer).where(Customer.name_key == _key(name))).first()
    return _view(customer) if customer else None


def get(unit: Unit, name: str) -> CustomerView:
    """The customer called `name`, or NotFound naming the closest matches."""
    customer = find(unit, name)
    if customer is None:
        raise NotFound("customers.error.unknown", name=name, suggestions=_suggest(unit, name))
    return customer


def get_by_id(unit: Unit, customer_id: int) -> CustomerView:
    customer = unit.session.get(Customer, customer_id)
    if customer is None:
        raise NotFound("customers.error.unknown", name=str(customer_id), suggestions="—")
    return _view(customer)


def find_or_create(
    unit: Unit, name: str, owner_id: str | None = None, country: str | None = None
) -> tuple[CustomerView, bool]:
    """The customer with this name, created on first use; True when created."""
    clean = " ".join(name.split())
    if not clean or len(clean) > MAX_NAME:
        raise InvalidInput("customers.error.bad_name", limit=MAX_NAME)
    existing = find(unit, clean)
    if existing:
        return existing, False
    # Ten webhook calls naming one new customer at once: one inserts, the rest find it.
    values: dict[str, object] = {"name": clean, "name_key": _key(clean), "created_at": unit.now}
    values |= {"owner_id": owner_id, "country": country}
    created = db.insert_if_absent(unit.session, Customer, values, "name_key")
    found = find(unit, clean)
    assert found is not None
    return found, created


def set_owner(unit: Unit, customer_id: int, owner_id: str | None) -> None:
    customer = unit.session.get(Customer, customer_id)
    if customer is not None:
        customer.owner_id = owner_id


def names(unit: Unit, limit: int = 100) -> list[str]:
    query = select(Customer.name).order_by(func.lower(Customer.name)).limit(limit)
    return list(unit.session.scalars(query))


def _suggest(unit: Unit, name: str) -> str:
    keys = {_key(n): n for n in unit.session.scalars(select(Customer.name))}
    close = difflib.get_close_matches(_key(name), list(keys), n=3, cutoff=0.6)
    close += [original for key, original in keys.items() if _key(name) in key and key not in close]
    return ", ".join(dict.fromkeys(keys.get(k, k) for k in close[:3])) or "—"
