"""Watching an order: watchers hear about every stage change."""

from __future__ import annotations

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from storage.models import OrderWatcher

from .. import team
from ..unit import Unit
from . import views
from .views import OrderView


def watch(unit: Unit, member_id: str, number: str) -> tuple[OrderView, bool]:
    """Start watching; True when this call started it (a second press, or a re-sent one, is
    a no-op even when both arrive at once)."""
    order = views.get(unit, number)
    team.get(unit, member_id)
    dialect = unit.session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = (
        insert(OrderWatcher)
        .values(order_id=order.id, member_id=member_id)
        .on_conflict_do_nothing(index_elements=["order_id", "member_id"])
        .returning(OrderWatcher.member_id)
    )
    return order, unit.session.execute(statement).first() is not None


def unwatch(unit: Unit, member_id: str, number: str) -> tuple[OrderView, bool]:
    """Stop watching; True when this call stopped it."""
    order = views.get(unit, number)
    watcher = unit.session.get(OrderWatcher, (order.id, member_id))
    if watcher is None:
        return order, False
    unit.session.delete(watcher)
    return order, True
