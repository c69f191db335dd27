"""The outbox: enqueue once per dedup key; a dispatcher delivers, retries, and never drops.

Storage contract: `outbox.dedup_key` is unique, so enqueueing is idempotent across ticks,
restarts and replicas.

Delivery is three steps, so that no Slack call runs inside a transaction or under a lock:

1. claim: in one short transaction a due row becomes `sending`, leased until now + lease;
2. send: with no transaction open. When an earlier attempt may have posted the message (a
   crash mid-send left its lease to run out, or a send timed out after Slack had it), the
   dispatcher first asks the notifier to `find` it, and a copy found counts as the delivery;
3. record: in a second short transaction, `sent`, or the error and the next attempt
   (backoff, Retry-After), or `failed` after MAX_ATTEMPTS or a permanent error. Failed
   rows stay for operators (`tradeops outbox list`, `outbox retry`).

Rows go pending -> sending -> sent | pending (retry) | failed; a `sending` row whose lease ran
out is due again. Where the check cannot be made the message is sent again, so a message
is posted at most once more per crash or lost answer whose copy could not be looked for.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, and_, or_, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from storage import db
from storage.models import FAILED, PENDING, SENDING, SENT, Member, OutboxMessage

from .clock import Clock
from .config import Settings
from .i18n import normalize_language
from .notify import Delivered, DeliveryError, Notifier, Outgoing
from .unit import Unit

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
BASE_BACKOFF = timedelta(seconds=30)
MAX_BACKOFF = timedelta(hours=1)
# Longer than the slowest send: the notifier lets the Slack client wait out only short
# rate limits, so a send is a few HTTP calls with a 15 s time-out each.
LEASE = timedelta(minutes=5)
THREAD_KEY = "_thread_of"  # payload key: post in the thread of the message with this dedup key
UPDATE_KEY = "_update_of"  # payload key: edit the message sent under this dedup key instead


@dataclass(frozen=True)
class Message:
    """A message to queue (see `enqueue`)."""

    dedup_key: str
    kind: str
    recipient: str
    payload: dict[str, Any]
    not_before: datetime | None = None


def enqueue(
    unit: Unit,
    dedup_key: str,
    kind: str,
    recipient: str,
    payload: dict[str, Any],
    not_before: datetime | None = None,
) -> bool:
    """Queue a message unless one with this key exists; True when this call queued it."""
    values = _row(unit, Message(dedup_key, kind, recipient, payload, not_before))
    inserted = db.insert_if_absent(unit.session, OutboxMessage, values, "dedup_key")
    unit.enqueued += inserted
    return inserted


def enqueue_all(unit: Unit, messages: Iterable[Message]) -> int:
    """`enqueue` each, in one statement for all: how many were queued."""
    rows = [_row(unit, message) for message in messages]
    inserted = db.insert_all_if_absent(unit.session, OutboxMessage, rows, "dedup_key")
    unit.enqueued += inserted
    return inserted


def _row(unit: Unit, message: Message) -> dict[str, Any]:
    return {
        "dedup_key": message.dedup_key,
        "kind": message.kind,
        "recipient": message.recipient,
        "payload": message.payload,
        "status": PENDING,
        "attempts": 0,
        "next_attempt_at": message.not_before or unit.now,
        "created_at": unit.now,
    }


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


@dataclass(frozen=True)
class Claim:
    """A row this dispatcher holds until `lease_until`, and the message to send for it."""

    row_id: int
    attempt: int  # the row's attempt count after claiming: proves the row is still ours
    message: Outgoing
    claimed_at: datetime
    # An earlier attempt may have posted the message from this instant on: look first.
    look_since: datetime | None


@dataclass(frozen=True)
class Attempt:
    """What one send came to: delivered, or an error; and what stays unconfirmed."""

    delivered: Delivered | None = None
    error: DeliveryError | None = None
    # The earliest instant from which a copy may be in Slack that nothing has ruled out.
    unconfirmed_since: datetime | None = None


class Dispatcher:
    """Delivers due outbox rows: claim, send outside any transaction, record.

    Claims use FOR UPDATE SKIP LOCKED on PostgreSQL and the write lock on SQLite, and a
    claimed row is `sending` once the claim commits, so any number of dispatchers (threads
    or replicas) can drain at once without sending a row twice.
    """

    def __init__(
        self,
        sessions: sessionmaker[Session],
        notifier: Notifier,
        clock: Clock,
        settings: Settings,
        *,
        lease: timedelta = LEASE,
    ) -> None:
        self.sessions = sessions
        self.notifier = notifier
        self.clock = clock
        self.settings = settings
        self.lease = lease

    def drain(self, limit: int = 500) -> DrainResult:
        result = DrainResult()
        for _ in range(limit):
            outcome = self.deliver_next()
            if outcome is None:
                break
            setattr(result, outcome, getattr(result, outcome) + 1)
        return result

    def deliver_next(self) -> str | None:
        """Claim, send and record one due row: "sent", "retrying", "failed", or None."""
        claim = self.claim_next()
        if claim is None:
            return None
        return self.record(claim, self.send(claim))

    # -- 1. claim ---------------------------------------------------------------------

    def claim_next(self) -> Claim | None:
        with self.sessions() as session, session.begin():
            now = self.clock.now()
            while (row := _next_due(session, now)) is not None:
                thread_ts = _thread_ts(session, row)
                if thread_ts is _PARENT_NOT_SENT or _edited(session, row) is _PARENT_NOT_SENT:
                    _wait_for_parent(row, now)
                elif row.status == SENDING and row.attempts >= MAX_ATTEMPTS:
                    _give_up_abandoned(row)
                else:
                    return self._claim(session, row, now, thread_ts)
                session.flush()
        return None

    def _claim(self, session: Session, row: OutboxMessage, now: datetime, thread_ts: Any) -> Claim:
        look_since = row.unconfirmed_since
        row.status, row.lease_until = SENDING, now + self.lease
        row.attempts += 1
        # From here until the result is recorded, a crash leaves the outcome unknown.
        row.unconfirmed_since = look_since or now
        message = self._outgoing(session, row, thread_ts, now)
        return Claim(row.id, row.attempts, message, now, look_since)

    def _outgoing(
        self, session: Session, row: OutboxMessage, thread_ts: Any, now: datetime
    ) -> Outgoing:
        language, timezone = audience_of(session, self.settings, row.recipient)
        payload = {k: v for k, v in row.payload.items() if k not in (THREAD_KEY, UPDATE_KEY)}
        edits = _edited(session, row)
        return Outgoing(
            row.kind, row.recipient, payload, language, timezone, thread_ts, now, row.dedup_key,
            edits if isinstance(edits, Delivered) else None,
        )  # fmt: skip

    # -- 2. send (no transaction open) ------------------------------------------------

    def send(self, claim: Claim) -> Attempt:
        still_unconfirmed = None
        # An edit says the same thing however often it is made: no earlier copy to look for.
        if claim.look_since is not None and claim.message.edits is None:
            found, conclusive = self._look_for_earlier_copy(claim)
            if found is not None:
                return Attempt(delivered=found)
            still_unconfirmed = None if conclusive else claim.look_since
        try:
            return Attempt(delivered=self.notifier.send(claim.message))
        except DeliveryError as error:
            return _failed_attempt(claim, error, still_unconfirmed)
        except Exception as error:  # a rendering bug must not wedge the queue; what an
            # unforeseen error left behind is unknown, so the next attempt looks first
            log.exception("outbox row %s (%s) failed to send", claim.row_id, claim.message.kind)
            unknown = DeliveryError(repr(error), maybe_delivered=True)
            return _failed_attempt(claim, unknown, still_unconfirmed)

    def _look_for_earlier_copy(self, claim: Claim) -> tuple[Delivered | None, bool]:
        """(the copy found, or None; whether the look was conclusive)."""
        assert claim.look_since is not None
        try:
            found = self.notifier.find(claim.message, claim.look_since)
        except Exception as error:  # cannot tell: sending again risks one duplicate, not a loss
            log.warning("outbox row %s: cannot check for an earlier copy: %s", claim.row_id, error)
            return None, False
        if found is not None:
            log.info("outbox row %s was already posted (ts %s)", claim.row_id, found.ts)
        return found, True

    # -- 3. record --------------------------------------------------------------------

    def record(self, claim: Claim, attempt: Attempt) -> str:
        try:
            return self._record(claim, attempt)
        except DBAPIError as error:
            if not error.connection_invalidated:
                raise
            # The connection dropped; the pool reconnects, and recording twice is harmless.
            log.warning("outbox row %s: database connection lost; recording again", claim.row_id)
            return self._record(claim, attempt)

    def _record(self, claim: Claim, attempt: Attempt) -> str:
        with self.sessions() as session, session.begin():
            row = session.get(OutboxMessage, claim.row_id, with_for_update=True)
            if row is None:  # deleted by hand meanwhile: nothing left to record
                return "sent" if attempt.delivered else "failed"
            now = self.clock.now()
            if attempt.delivered is not None:
                return _record_sent(row, attempt.delivered, now)
            if not _still_claimed_by(row, claim):
                # Our lease ran out and another dispatcher took the row: its record counts.
                log.warning("outbox row %s: lease lost before recording a failure", row.id)
                return "retrying"
            assert attempt.error is not None
            return _record_failure(row, now, attempt.error, attempt.unconfirmed_since)


def _due_rows(now: datetime) -> Any:
    pending = and_(OutboxMessage.status == PENDING, OutboxMessage.next_attempt_at <= now)
    abandoned = and_(OutboxMessage.status == SENDING, OutboxMessage.lease_until <= now)
    return (
        select(OutboxMessage)
        .where(or_(pending, abandoned))
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
    )


def _next_due(session: Session, now: datetime) -> OutboxMessage | None:
    query = _due_rows(now).limit(1).with_for_update(skip_locked=True)
    return session.scalars(query).first()


_PARENT_NOT_SENT = object()


def _thread_ts(session: Session, row: OutboxMessage) -> Any:
    """The ts of the parent this row replies to; _PARENT_NOT_SENT while it is on its way;
    None for a top-level post (or when the parent failed for good: post on its own)."""
    parent = _earlier(session, row, THREAD_KEY)
    if parent is None or parent.status == FAILED:
        return None
    return parent.sent_ts if parent.status == SENT else _PARENT_NOT_SENT


def _edited(session: Session, row: OutboxMessage) -> Delivered | object | None:
    """Where the message this row edits landed; _PARENT_NOT_SENT while it is on its way;
    None when the row posts (or the original failed for good: then it posts instead)."""
    original = _earlier(session, row, UPDATE_KEY)
    if original is None or original.status == FAILED:
        return None
    if original.status != SENT or not original.sent_channel or not original.sent_ts:
        return _PARENT_NOT_SENT
    return Delivered(channel=original.sent_channel, ts=original.sent_ts)


def _earlier(session: Session, row: OutboxMessage, payload_key: str) -> OutboxMessage | None:
    """The row whose dedup key this row's payload names under `payload_key`, if any."""
    dedup_key = row.payload.get(payload_key)
    if not dedup_key:
        return None
    query = select(OutboxMessage).where(OutboxMessage.dedup_key == dedup_key)
    return session.scalars(query).first()


def _wait_for_parent(row: OutboxMessage, now: datetime) -> None:
    """A reply needs its parent's ts; look again a little later."""
    row.status, row.lease_until = PENDING, None
    row.next_attempt_at = now + BASE_BACKOFF


def _give_up_abandoned(row: OutboxMessage) -> None:
    """Every attempt ended in a crash (a message that kills its sender?): stop, keep it."""
    row.status, row.lease_until = FAILED, None
    row.last_error = f"abandoned mid-send {row.attempts} times (lease ran out)"
    log.error("outbox row %s (%s) failed for good: %s", row.id, row.kind, row.last_error)


def _failed_attempt(
    claim: Claim, error: DeliveryError, still_unconfirmed: datetime | None
) -> Attempt:
    this_one = claim.claimed_at if error.maybe_delivered else None
    candidates = [when for when in (still_unconfirmed, this_one) if when is not None]
    return Attempt(error=error, unconfirmed_since=min(candidates, default=None))


def _still_claimed_by(row: OutboxMessage, claim: Claim) -> bool:
    return row.status == SENDING and row.attempts == claim.attempt


def _record_sent(row: OutboxMessage, delivered: Delivered, now: datetime) -> str:
    if row.status == SENT:  # another dispatcher recorded it first; keep its ts for threads
        return "sent"
    row.status, row.sent_at, row.last_error = SENT, now, None
    row.sent_channel, row.sent_ts = delivered.channel, delivered.ts
    row.lease_until = row.unconfirmed_since = None
    return "sent"


def _record_failure(
    row: OutboxMessage, now: datetime, error: DeliveryError, unconfirmed_since: datetime | None
) -> str:
    row.status, row.lease_until = PENDING, None
    row.unconfirmed_since = unconfirmed_since
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
    lease_until: datetime | None


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
        row.lease_until,
    )


def retry_failed(unit: Unit) -> int:
    """Give failed rows another round of attempts (after the operator fixed the cause)."""
    result = unit.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == FAILED)
        .values(status=PENDING, attempts=0, next_attempt_at=unit.now)
    )
    return cast(CursorResult[Any], result).rowcount
