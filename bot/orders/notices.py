"""What orders tell people, through the outbox: a stage change goes to the owner, the
watchers and the orders channel, once each (rendered by handlers.orders.notices)."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import Customer, Order, OrderChange

from .. import outbox
from ..unit import Unit
from . import pipeline
from .queries import watcher_ids

STAGE_CHANGED = "orders.stage_changed"


def recipients(unit: Unit, order: Order, actor: str) -> list[str]:
    """The owner and the watchers by DM, then the orders channel: each once. Whoever made the
    change gets no DM about it (as in tasks and feedback); the channel still hears of it."""
    people = [order.owner_id, *watcher_ids(unit, order.id)]
    candidates = [each for each in people if each != actor] + [unit.settings.channels.orders]
    return list(dict.fromkeys(each for each in candidates if each))


def stage_changed(unit: Unit, order: Order, change: OrderChange, old_stage: str) -> tuple[str, ...]:
    """Queue one message per recipient; the key makes a repeat of this change send nothing.
    Returns who a message was queued for (members, then the channel)."""
    payload = _payload(unit, order, change, old_stage)
    queued: list[str] = []
    for recipient in recipients(unit, order, change.actor):
        key = f"order-stage:{order.id}:{change.id}:{recipient}"
        if outbox.enqueue(unit, key, STAGE_CHANGED, recipient, payload):
            queued.append(recipient)
    return tuple(queued)


def _payload(unit: Unit, order: Order, change: OrderChange, old_stage: str) -> dict[str, object]:
    settings = unit.settings
    customer = unit.session.scalar(select(Customer.name).where(Customer.id == order.customer_id))
    return {
        "number": order.number,
        "customer": customer or "",
        "owner": order.owner_id,
        "from": pipeline.names(settings, old_stage),
        "to": pipeline.names(settings, order.stage),
        "actor": change.actor,
        "source": change.source,
        "eta": order.eta.isoformat() if order.eta else None,
        "sla_days": pipeline.sla_days(settings, order.stage),
    }
