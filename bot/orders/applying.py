"""Validated values applied to an order, one path for the command, the webhook and the CSV
import: a new order's columns and first history entry (computed once for one ORM object or
thousands inserted in one statement), or an existing order's changed fields, recorded in
`order_changes` (who, when, from where, what). A stage change notifies through the outbox.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from storage.models import Customer, Member, Order, OrderChange

from .. import customers
from ..playbooks import service as playbooks
from ..playbooks.views import HandedOut
from ..unit import Unit
from . import notices, pipeline, views
from .fields import FIELDS, Checked, OrderProblems, Problem, as_text, check_dates
from .lookups import Lookups, customer_key

# Fields stored in order columns of the same name. `new_order` maps the other four itself
# (customer and owner become ids; the country belongs to the customer).
NOT_COLUMNS = ("number", "customer", "owner", "country")
COLUMNS = tuple(name for name in FIELDS if name not in NOT_COLUMNS)


@dataclass(frozen=True)
class NewOrder:
    columns: dict[str, Any]  # Order(**columns)
    changes: dict[str, list[str | None]]  # what history records as set on creation


@dataclass(frozen=True)
class Applied:
    """What `apply` did, before anything is flushed (the import applies thousands)."""

    order: Order
    created: bool
    changes: dict[str, list[str | None]]
    told: tuple[str, ...] = ()  # who a stage-change message was queued for

    handed_out: HandedOut | None = None  # the checklist of the stage it entered

    @property
    def notified(self) -> int:
        return len(self.told)


def apply(
    unit: Unit,
    order: Order | None,
    checked: Checked,
    actor: str,
    source: str,
    *,
    append: bool = False,
    lookups: Lookups | None = None,
    force: bool = False,
) -> Applied:
    """Write validated values to `order` (a new one when None) and record what changed.
    Leaving a stage whose required playbook steps are open is refused unless `force`."""
    lookups = lookups or Lookups(unit)
    values = checked.values
    if order is None:
        # Who creates an order by command owns it unless told otherwise; an import does not.
        new = new_order(unit, values, actor if source == "command" else None, lookups)
        order = Order(**new.columns)
        unit.session.add(order)
        return _record(unit, order, new.changes, actor, source, created=True)
    _check_merged_dates(order, values)
    forced = _leave_stage(unit, order, values.get("stage"), actor, force)
    changes = _assign(unit, order, values, append, lookups)
    if not changes:
        return Applied(order, False, {})
    return _record(unit, order, changes, actor, source, created=False, forced=forced)


def _leave_stage(
    unit: Unit, order: Order, to_stage: str | None, actor: str, force: bool
) -> dict[str, Any] | None:
    """Refuse to leave a stage with required steps open; with `force`, what history keeps."""
    open_steps = playbooks.check_leaving(unit, order, to_stage)
    if not open_steps:
        return None
    if not force:
        params = playbooks.blocked_params(order, open_steps)
        raise OrderProblems([Problem("stage", "playbooks.error.required_open", params)])
    return playbooks.forced_record(actor, open_steps)


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


def _check_merged_dates(order: Order | None, values: Mapping[str, Any]) -> None:
    merged = {name: values.get(name, getattr(order, name, None)) for name in ("etd", "eta")}
    problems = check_dates(merged)
    if problems:
        raise OrderProblems(problems)


def _assign(
    unit: Unit, order: Order, values: Mapping[str, Any], append: bool, lookups: Lookups
) -> dict[str, list[str | None]]:
    changes: dict[str, list[str | None]] = {}
    for name, value in values.items():
        if name == "number":
            continue
        old, new = _set(unit, order, name, value, append, lookups)
        if old != new:
            changes[name] = [old, new]
    return changes


def _set(
    unit: Unit, order: Order, name: str, value: Any, append: bool, lookups: Lookups
) -> tuple[str | None, str | None]:
    if name == "customer":
        return _set_customer(unit, order, value, lookups)
    if name == "country":
        return set_customer_country(unit, order.customer_id, value), value
    if name == "containers":
        return _set_containers(order, value, append)
    if name == "notes" and append and value and order.notes:
        value = f"{order.notes}\n{value}"
    if name == "stage" and value != order.stage:
        order.stage_since = unit.now
    attribute = "owner_id" if name == "owner" else name
    old = getattr(order, attribute)
    setattr(order, attribute, value)
    return as_text(old), as_text(value)


def _set_customer(
    unit: Unit, order: Order, name: str, lookups: Lookups
) -> tuple[str | None, str | None]:
    customer_id = lookups.customer(name, order.owner_id, None)
    if customer_id == order.customer_id:
        return None, None
    old = _customer_name(unit, order) if order.customer_id else None
    order.customer_id = customer_id
    return old, _customer_name(unit, order)


def _set_containers(order: Order, numbers: list[str], append: bool) -> tuple[str, str]:
    old = list(order.containers or [])
    # The command adds containers one by one; "-" (no numbers) clears the list.
    new = list(dict.fromkeys(old + numbers)) if append and numbers else numbers
    order.containers = new
    return " ".join(old), " ".join(new)


def _customer_name(unit: Unit, order: Order) -> str:
    return unit.session.scalar(select(Customer.name).where(Customer.id == order.customer_id)) or ""


def _record(
    unit: Unit,
    order: Order,
    changes: dict[str, list[str | None]],
    actor: str,
    source: str,
    created: bool,
    forced: dict[str, Any] | None = None,
) -> Applied:
    order.updated_at = unit.now
    body: dict[str, Any] = {"action": "created" if created else "updated", "fields": changes}
    if forced:
        body["forced"] = forced  # who moved it on past open required steps
    entry = OrderChange(order=order, changed_at=unit.now, actor=actor, source=source, changes=body)
    unit.session.add(entry)
    told: tuple[str, ...] = ()
    if "stage" in changes and not created:
        unit.session.flush()  # the change id makes the notification keys
        told = notices.stage_changed(unit, order, entry, changes["stage"][0] or "")
    handed = None
    if created or "stage" in changes:
        handed = playbooks.stage_entered(unit, order, actor, source)
    return Applied(order, created, changes, told, handed)
