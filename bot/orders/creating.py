"""A new order's column values and its first history entry, computed once for both ways of
inserting it: one ORM object (command, webhook) or thousands in one statement (CSV)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from storage.models import Customer, Member

from .. import customers
from ..unit import Unit
from . import pipeline, views
from .fields import FIELDS, OrderProblems, Problem, as_text
from .lookups import Lookups, customer_key

# Fields stored in order columns of the same name. `new_order` maps the other four itself
# (customer and owner become ids; the country belongs to the customer).
NOT_COLUMNS = ("number", "customer", "owner", "country")
COLUMNS = tuple(name for name in FIELDS if name not in NOT_COLUMNS)


@dataclass(frozen=True)
class NewOrder:
    columns: dict[str, Any]  # Order(**columns)
    changes: dict[str, list[str | None]]  # what history records as set on creation


def new_order(
    unit: Unit, values: Mapping[str, Any], creator: str | None, lookups: Lookups
) -> NewOrder:
    """A new order from validated values. The owner is the one given, else the customer's,
    else `creator` (a member); a customer met for the first time is created."""
    if not values.get("customer"):
        raise OrderProblems([Problem("customer", "orders.error.customer_required")])
    owner = values.get("owner") or _customer_owner(unit, values["customer"], lookups)
    owner = owner or (creator if creator and unit.session.get(Member, creator) else None)
    customer_id = lookups.customer(values["customer"], owner, values.get("country"))
    if values.get("country"):
        set_customer_country(unit, customer_id, values["country"])
    given = {name: values[name] for name in COLUMNS if values.get(name) not in (None, [])}
    columns = {
        "number": values["number"],
        "number_key": views.number_key(values["number"]),
        "customer_id": customer_id,
        "owner_id": owner,
        "stage": pipeline.first_stage(unit.settings),
        "stage_since": unit.now,
        "containers": [],
        "created_at": unit.now,
        "updated_at": unit.now,
        **given,
    }
    recorded = {"customer": values["customer"], "owner": owner, **given}
    changes = {"number": [None, values["number"]]}
    changes.update({name: [None, as_text(value)] for name, value in recorded.items() if value})
    return NewOrder(columns, changes)


def _customer_owner(unit: Unit, name: str, lookups: Lookups) -> str | None:
    key = customer_key(name)
    if key in lookups.customers_by_key:
        customer = unit.session.get(Customer, lookups.customers_by_key[key])
        return customer.owner_id if customer else None
    found = customers.find(unit, name)
    return found.owner_id if found else None


def set_customer_country(unit: Unit, customer_id: int, country: str | None) -> str | None:
    """Set the customer's country; returns the one it had."""
    customer = unit.session.get(Customer, customer_id)
    if customer is None:
        return None
    old = customer.country
    customer.country = country
    return old
