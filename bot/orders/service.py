"""Creating and changing orders: one path for the command, the CSV import and the webhook.

Every change is recorded in `order_changes` (who, when, from where, what). A stage change
notifies the owner, the watchers and the orders channel through the outbox, once each.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from storage.models import Customer, Order, OrderChange

from .. import team
from ..errors import InvalidInput, PermissionDenied
from ..unit import Unit
from . import alerts, views
from .creating import new_order, set_customer_country
from .fields import Checked, OrderProblems, Problem, as_text, check, check_dates
from .lookups import Lookups, field_context, reader_zone
from .views import OrderView

EDITOR_ROLES = ("sales", "logistics")  # admins pass every role check


@dataclass(frozen=True)
class Saved:
    order: OrderView
    created: bool
    changes: dict[str, list[str | None]]  # field -> [old, new] as text
    notified: int = 0

    @property
    def stage_changed(self) -> bool:
        return not self.created and "stage" in self.changes


@dataclass(frozen=True)
class Applied:
    """What `apply` did, before anything is flushed (the import applies thousands)."""

    order: Order
    created: bool
    changes: dict[str, list[str | None]]
    notified: int = 0


def save(
    unit: Unit,
    actor: str,
    source: str,
    number: str,
    raw: Mapping[str, str | None],
    *,
    append: bool = False,
    mode: str = "upsert",
) -> Saved:
    """Validate `raw` (field -> text) and create or update order `number` with it.

    `mode` "create" refuses an existing number, "update" an unknown one, "upsert" neither.
    """
    if not number.strip():
        raise OrderProblems([Problem("number", "orders.error.number_required")])
    checked = check({**raw, "number": number}, field_context(unit, reader_zone(unit, actor)))
    if not checked.ok:
        raise OrderProblems(checked.problems)
    order = views.find_model(unit, number)
    if order is None and mode == "update":
        raise views.not_found(unit, number)
    if order is not None and mode == "create":
        raise InvalidInput("orders.error.exists", number=order.number)
    if source == "command":
        require_editor(unit, actor, order.owner_id if order else None)
    applied = apply(unit, order, checked, actor, source, append=append)
    unit.session.flush()
    view = views.full_view(unit, applied.order)
    return Saved(view, applied.created, applied.changes, applied.notified)


def problems_in(unit: Unit, actor: str, raw: Mapping[str, str | None]) -> list[Problem]:
    """What `save` would refuse in these fields, without saving anything."""
    return check(raw, field_context(unit, reader_zone(unit, actor))).problems


def may_edit(unit: Unit, actor: str, owner_id: str | None) -> bool:
    """Sales, logistics, admins, the order's owner (and the owner's managers)."""
    return team.has_role(unit, actor, *EDITOR_ROLES) or team.may_act_for(unit, actor, owner_id)


def require_editor(unit: Unit, actor: str, owner_id: str | None) -> None:
    if not may_edit(unit, actor, owner_id):
        raise PermissionDenied("orders.error.not_allowed")


def apply(
    unit: Unit,
    order: Order | None,
    checked: Checked,
    actor: str,
    source: str,
    *,
    append: bool = False,
    lookups: Lookups | None = None,
) -> Applied:
    """Write validated values to `order` (a new one when None) and record what changed."""
    lookups = lookups or Lookups(unit)
    values = checked.values
    if order is None:
        # Who creates an order by command owns it unless told otherwise; an import does not.
        new = new_order(unit, values, actor if source == "command" else None, lookups)
        order = Order(**new.columns)
        unit.session.add(order)
        return _record(unit, order, new.changes, actor, source, created=True)
    _check_merged_dates(order, values)
    changes = _assign(unit, order, values, append, lookups)
    if not changes:
        return Applied(order, False, {})
    return _record(unit, order, changes, actor, source, created=False)


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
        return _set_country(unit, order, value)
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


def _set_country(unit: Unit, order: Order, country: str | None) -> tuple[str | None, str | None]:
    return set_customer_country(unit, order.customer_id, country), country


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
) -> Applied:
    order.updated_at = unit.now
    entry = OrderChange(
        order=order,
        changed_at=unit.now,
        actor=actor,
        source=source,
        changes={"action": "created" if created else "updated", "fields": changes},
    )
    unit.session.add(entry)
    notified = 0
    if "stage" in changes and not created:
        unit.session.flush()  # the change id makes the notification keys
        notified = alerts.stage_changed(unit, order, entry, changes["stage"][0] or "")
    return Applied(order, created, changes, notified)
