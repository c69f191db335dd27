"""Slack re-sends events it thinks failed; remember event ids so each is handled once."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from storage.models import ProcessedEvent

from .unit import Unit

KEEP_FOR = timedelta(days=2)  # Slack retries within minutes; two days is generous


def first_delivery(unit: Unit, event_id: str) -> bool:
    """Record `event_id`; True the first time it is seen, False for every re-delivery."""
    insert = pg_insert if unit.session.bind.dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert(ProcessedEvent)
        .values(event_id=event_id, received_at=unit.now)
        .on_conflict_do_nothing(index_elements=["event_id"])
        .returning(ProcessedEvent.event_id)
    )
    # RETURNING, not rowcount: drivers disagree on rowcount for ON CONFLICT DO NOTHING.
    return unit.session.execute(statement).first() is not None


def forget_old_events(unit: Unit) -> int:
    """A due provider: prune ids too old for Slack to re-send."""
    statement = delete(ProcessedEvent).where(ProcessedEvent.received_at < unit.now - KEEP_FOR)
    return unit.session.execute(statement).rowcount


DUE_PROVIDERS = (forget_old_events,)
