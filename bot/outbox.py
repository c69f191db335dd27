"""The outbox: enqueue once per dedup key; a dispatcher delivers, retries, and never drops.

Storage contract: `outbox.dedup_key` is unique, so enqueueing is idempotent across ticks,
restarts and replicas. Rows go pending -> sent, or pending -> failed after MAX_ATTEMPTS or a
permanent error; failed rows stay for operators (`tradeops outbox list`, `outbox retry`).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session, sessionmaker

from storage import db
from storage.models import FAILED, PENDING, SENT, Member, OutboxMessage

from .clock import Clock
from .config import Settings
from .i18n import normalize_language
from .notify import DeliveryError, Notifier, Outgoing
from .unit import Unit

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
BASE_BACKOFF = timedelta(seconds=30)
MAX_BACKOFF = timedelta(hours=1)
THREAD_KEY = "_thread_of"  # payload key: post in the thread of the message with this dedup key
UPDATE_KEY = "_update_of"  # payload key: edit the message sent under this dedup key instead


def enqueue(
    unit: Unit,
    dedup_key: str,
    kind: str,
    recipient: str,
    payload: dict[str, Any],
    not_before: datetime | None = None,
) -> bool:
    """Queue a message unless one with this key exists; True when this call queued it."""
    values = {
        "dedup_key": dedup_key,
        "kind": kind,
        "recipient": recipient,
        "payload": payload,
        "status": PENDING,
        "attempts": 0,
        "next_attempt_at": not_before or unit.now,
        "created_at": unit.now,
    }
    inserted = db.insert_if_absent(unit.session, OutboxMessage, values, "dedup_key")
    unit.enqueued += inserted
    return inserted


def exists(unit: Unit, dedup_key: str) -> bool:
    """Whether a message with this key was ever queued (whatever became of it)."""
    query = select(OutboxMessage.id).where(OutboxMessage.dedup_key == dedup_key)
    return unit.session.scalar(query) is not None


def backoff(attempts: int) -> timedelta:
    return min(BASE_BACKOFF * (2 ** max(attempts - 1, 0)), MAX_BACKOFF)


@dataclass
class DrainResult:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


class Dispatcher:
    """Delivers due outbox rows, one short transaction per row.

    Each row is claimed with FOR UPDATE SKIP LOCKED (PostgreSQL), so dispatchers in several
    replicas never send the same row; SQLite has one writer anyway, and a lock keeps this
    process's threads from sending one row twice.
    """

    def __init__(
        self,
        sessions: sessionmaker[Session],
        notifier: Notifier,
        clock: Clock,
        settings: Settings,
    ) -> None:
        self.sessions = sessions
        self.notifier = notifier
        self.clock = clock
        self.settings = settings
        self._lock = threading.Lock()

    def drain(self, limit: int = 500) -> DrainResult:
        result = DrainResult()
        with self._lock:
            for _ in range(limit):
                outcome = self._deliver_next()
                if outcome is None:
                    break
                setattr(result, outcome, getattr(result, outcome) + 1)
        return result

    def _deliver_next(self) -> str | None:
        with self.sessions() as session, session.begin():
            now = self.clock.now()
            row = session.scalars(_due_rows(now).limit(1).with_for_update(skip_locked=True)).first()
            if row is None:
                return None
            thread_ts = _thread_ts(session, row)
            if thread_ts is _PARENT_NOT_SENT:
                row.next_attempt_at = now + BASE_BACKOFF
                return "retrying"
            return self._attempt(session, row, now, thread_ts)

    def _attempt(self, session: Session, row: OutboxMessage, now: datetime, thread_ts: Any) -> str:
        row.attempts += 1
        try:
            delivered = self.notifier.send(self._outgoing(session, row, thread_ts, now))
        except DeliveryError as error:
            return _record_failure(row, now, error)
        except Exception as error:  # a rendering bug must not wedge the queue
            log.exception("outbox row %s (%s) failed to send", row.id, row.kind)
            return _record_failure(row, now, DeliveryError(repr(error)))
        row.status, row.sent_at, row.last_error = SENT, now, None
        row.sent_channel, row.sent_ts = delivered.channel, delivered.ts
        return "sent"

    def _outgoing(
        self, session: Session, row: OutboxMessage, thread_ts: Any, now: datetime
    ) -> Outgoing:
        language, timezone = audience_of(session, self.settings, row.recipient)
        payload = {k: v for k, v in row.payload.items() if k != THREAD_KEY}
        return Outgoing(row.kind, row.recipient, payload, language, timezone, thread_ts, now)


def _due_rows(now: datetime) -> Any:
    return (
        select(OutboxMessage)
        .where(OutboxMessage.status == PENDING, OutboxMessage.next_attempt_at <= now)
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
    )


_PARENT_NOT_SENT = object()


def _thread_ts(session: Session, row: OutboxMessage) -> Any:
    parent_key = row.payload.get(THREAD_KEY)
    if not parent_key:
        return None
    parent = session.scalars(
        select(OutboxMessage).where(OutboxMessage.dedup_key == parent_key)
    ).first()
    if parent is None or parent.status == FAILED:
        return None  # post on its own rather than never
    return parent.sent_ts if parent.status == SENT else _PARENT_NOT_SENT


def _record_failure(row: OutboxMessage, now: datetime, error: DeliveryError) -> str:
    row.last_error = error.reason[:2000]
    if error.permanent or row.attempts >= MAX_ATTEMPTS:
        row.status = FAILED
        log.error("outbox row %s (%s) failed for good: %s", row.id, row.kind, error.reason)
        return "failed"
    wait = backoff(row.attempts)
    if error.retry_after:
        wait = max(wait, timedelta(seconds=error.retry_after))
    row.next_attempt_at = now + wait
    return "retrying"


def audience_of(session: Session, settings: Settings, recipient: str) -> tuple[str, str]:
    """The language and time zone to render for: the member's own, or the team's."""
    member = session.get(Member, recipient)
    team = settings.team
    if member is None:
        return team.language, team.timezone
    language = member.language_override or normalize_language(member.slack_locale, team.language)
    return language, member.tz_override or member.slack_tz or team.timezone


@dataclass(frozen=True)
class OutboxRow:
    id: int
    dedup_key: str
    kind: str
    recipient: str
    status: str
    attempts: int
    last_error: str | None
    next_attempt_at: datetime


def list_rows(unit: Unit, status: str | None = None, limit: int = 50) -> list[OutboxRow]:
    query = select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)
    if status:
        query = query.where(OutboxMessage.status == status)
    return [_row_view(row) for row in unit.session.scalars(query)]


def _row_view(row: OutboxMessage) -> OutboxRow:
    return OutboxRow(
        row.id,
        row.dedup_key,
        row.kind,
        row.recipient,
        row.status,
        row.attempts,
        row.last_error,
        row.next_attempt_at,
    )


def retry_failed(unit: Unit) -> int:
    """Give failed rows another round of attempts (after the operator fixed the cause)."""
    result = unit.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == FAILED)
        .values(status=PENDING, attempts=0, next_attempt_at=unit.now)
    )
    return cast(CursorResult[Any], result).rowcount
