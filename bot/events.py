"""Slack re-sends events it thinks failed; remember event ids so each is handled once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete

from storage import db
from storage.models import ProcessedEvent

from .core import Core
from .unit import Unit

KEEP_FOR = timedelta(days=2)  # Slack retries within minutes; two days is generous


def first_delivery(core: Core, event_id: str) -> bool:
    """Record `event_id`; True the first time it is seen, False for every re-delivery."""
    with core.write() as unit:
        values = {"event_id": event_id, "received_at": unit.now}
        return db.insert_if_absent(unit.session, ProcessedEvent, values, "event_id")


def forget_old_events(unit: Unit) -> int:
    """A due provider: prune ids too old for Slack to re-send."""
    statement = delete(ProcessedEvent).where(ProcessedEvent.received_at < unit.now - KEEP_FOR)
    return cast(CursorResult[Any], unit.session.execute(statement)).rowcount
