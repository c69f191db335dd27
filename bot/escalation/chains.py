"""The life of a chain inside a unit of work: start, send the steps that are due, end.

Building blocks for due.py (the scheduler) and service.py (buttons). Every message is keyed
by the chain's id, the step and the recipient, so queueing it again adds nothing; the chain
row is locked (FOR UPDATE SKIP LOCKED on PostgreSQL) while a unit works on it, so two
schedulers never advance the same chain at once.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Select, and_, literal, or_, select, tuple_

from storage import db
from storage.models import EscalationChain

from .. import outbox
from ..lateness import Late
from ..unit import Unit
from .config import steps_for
from .hours import Audience
from .views import closing_payload, step_payload

ALERT, STEP = "escalation.alert", "escalation.step"
ACKNOWLEDGED, ENDED = "escalation.acknowledged", "escalation.ended"


def start_all(unit: Unit, late: Iterable[Late]) -> int:
    """The chains of these late things, with their steps resolved now, in one statement;
    how many were started (one that exists is left as it is)."""
    rows = [_chain_row(unit, item) for item in late]
    return db.insert_all_if_absent(unit.session, EscalationChain, rows, "key")


def _chain_row(unit: Unit, late: Late) -> dict[str, Any]:
    return {
        "key": late.key, "kind": late.kind, "subject": late.subject,
        "subject_id": late.subject_id, "owner_id": late.owner_id, "title": late.title,
        "detail": late.detail, "late_since": late.since, "steps": steps_for(unit, late),
        "next_step": 0, "next_action_at": late.since, "told": [], "created_at": unit.now,
    }  # fmt: skip


def of_subjects(unit: Unit, subjects: dict[str, Collection[int]]) -> dict[str, list[SubjectChain]]:
    """Every chain, open or ended, of these things (their ids, by kind), by kind (read, not
    locked): what a tick needs both to end the open ones and to know which late keys have a
    chain already. One read for every kind (of IN_LIMIT things at a time)."""
    query = select(EscalationChain.kind, EscalationChain.key, EscalationChain.subject_id,
                   EscalationChain.late_since, EscalationChain.ended_at.is_(None))  # fmt: skip
    things = sorted((kind, id_) for kind, ids in subjects.items() for id_ in ids)
    found: dict[str, list[SubjectChain]] = {kind: [] for kind in subjects}
    for part in db.in_slices(things):
        for kind, key, subject_id, late_since, is_open in unit.session.execute(
            query.where(_among(part))
        ):
            found[kind].append(SubjectChain(key, subject_id, late_since, is_open))
    return found


def _among(things: Sequence[tuple[str, int]]) -> Any:
    """Chains about any of these (kind, subject id), through (kind, subject_id)."""
    ids: dict[str, list[int]] = {}
    for kind, id_ in things:
        ids.setdefault(kind, []).append(id_)
    return or_(*(and_(EscalationChain.kind == kind, EscalationChain.subject_id.in_(of))
                 for kind, of in ids.items()))  # fmt: skip


class SubjectChain(NamedTuple):
    key: str
    subject_id: int
    late_since: datetime
    open: bool


def open_chains(
    unit: Unit, *conditions: Any, keys: list[str] | None = None
) -> list[EscalationChain]:
    """Open chains no other unit is working on (locked until this unit ends), by id; with
    `keys`, only those."""
    if keys is not None:
        within = (EscalationChain.key.in_(part) for part in db.in_slices(keys))
        return [chain for part in within for chain in open_chains(unit, *conditions, part)]
    query = (
        select(EscalationChain)
        .where(EscalationChain.ended_at.is_(None), *conditions)
        .order_by(EscalationChain.id)
        .with_for_update(skip_locked=True)
    )
    return list(unit.session.scalars(query))


Place = tuple[datetime, int]  # a due chain's place in line: (next_action_at, id)


def due_chains(unit: Unit, after: Place | None, limit: int) -> list[EscalationChain]:
    """Up to `limit` open, unacknowledged chains with a step due, the longest due first
    (then by id), those after `after` only; locked as open_chains does."""
    return list(unit.session.scalars(due_query(unit.now, after, limit)))


def due_query(now: datetime, after: Place | None, limit: int) -> Select[Any]:
    """In the order of (ended_at, next_action_at), the index that holds them: SQLite walks it
    to the few due. Ordered by id (with `id > ?` for the next page), it walked every open
    chain in id order instead: no statistics of the chains, ix_escalation_chains_ended_at;
    with them, the whole table."""
    place = tuple_(EscalationChain.next_action_at, EscalationChain.id)
    query = select(EscalationChain).where(
        EscalationChain.ended_at.is_(None),
        EscalationChain.acknowledged_at.is_(None),
        EscalationChain.next_action_at <= now,
    )
    if after is not None:
        at, id_ = after
        query = query.where(place > tuple_(literal(at, EscalationChain.next_action_at.type), id_))
    order = (EscalationChain.next_action_at, EscalationChain.id)
    return query.order_by(*order).limit(limit).with_for_update(skip_locked=True)


def place_of(chain: EscalationChain) -> Place:
    assert chain.next_action_at is not None
    return chain.next_action_at, chain.id


def advance(unit: Unit, chain: EscalationChain, audience: Audience) -> list[outbox.Message]:
    """The chain's messages that are due and may reach their recipient now, marked sent:
    the caller queues them (a page of chains' at once)."""
    steps = [dict(step, sent=list(step.get("sent") or ())) for step in chain.steps]
    due_now = []
    for index in range(chain.next_step, len(steps)):
        step = steps[index]
        due = datetime.fromisoformat(step["due_at"])
        if due > unit.now:
            break
        for recipient in step["recipients"]:
            # Due now or long ago, it goes only while the recipient is at work.
            if recipient not in step["sent"] and audience.hours(recipient).is_open(unit.now):
                due_now.append(_step_message(chain, index, recipient))
                step["sent"].append(recipient)
    chain.steps = steps
    chain.next_step = _first_unfinished(steps, chain.next_step)
    chain.next_action_at = _next_action_at(steps, chain.next_step, audience, unit.now)
    chain.told = list(dict.fromkeys([*chain.told, *_all_sent(steps)]))
    return due_now


def recipients_to_come(chain: EscalationChain) -> list[str]:
    """Whoever the chain's unfinished steps still write to (whose hours `advance` asks)."""
    return [recipient for _, recipient in _unsent(chain.steps, chain.next_step)]


def _unsent(steps: list[dict[str, Any]], start: int) -> Iterator[tuple[dict[str, Any], str]]:
    """(step, recipient) of every message from step `start` on not queued yet."""
    for step in steps[start:]:
        sent = step.get("sent") or ()
        yield from ((step, recipient) for recipient in step["recipients"] if recipient not in sent)


def _next_action_at(
    steps: list[dict[str, Any]], start: int, audience: Audience, now: datetime
) -> datetime | None:
    """When the first message still to queue may go: its step's time, or later the
    recipient's next work start; None when every message is queued."""
    moments = [
        audience.hours(recipient).next_open(max(datetime.fromisoformat(step["due_at"]), now))
        for step, recipient in _unsent(steps, start)
    ]
    return min(moments, default=None)


def _step_message(chain: EscalationChain, index: int, recipient: str) -> outbox.Message:
    kind = ALERT if chain.steps[index]["level"] == 0 else STEP
    key = f"{kind}:{chain.id}:{index}:{recipient}"
    return outbox.Message(key, kind, recipient, step_payload(chain, index))


def _first_unfinished(steps: list[dict[str, Any]], start: int) -> int:
    for index in range(start, len(steps)):
        if set(steps[index]["recipients"]) - set(steps[index]["sent"]):
            return index
    return len(steps)


def _all_sent(steps: Iterable[dict[str, Any]]) -> list[str]:
    return [recipient for step in steps for recipient in step["sent"]]


def acknowledge(unit: Unit, chain: EscalationChain, actor_id: str, audience: Audience) -> int:
    chain.acknowledged_by, chain.acknowledged_at = actor_id, unit.now
    return _tell_told(unit, chain, ACKNOWLEDGED, actor_id, audience)


def end(
    unit: Unit, chain: EscalationChain, reason: str, actor_id: str | None, audience: Audience
) -> int:
    chain.ended_at, chain.ended_by, chain.end_reason = unit.now, actor_id, reason
    return _tell_told(unit, chain, ENDED, actor_id, audience)


def _tell_told(
    unit: Unit, chain: EscalationChain, kind: str, actor_id: str | None, audience: Audience
) -> int:
    """Everyone told so far but the one who acted, each within their working hours."""
    queued = 0
    payload = closing_payload(chain)
    for recipient in chain.told:
        if recipient != actor_id:
            when = audience.deliverable_at(recipient, unit.now)
            key = f"{kind}:{chain.id}:{recipient}"
            queued += outbox.enqueue(unit, key, kind, recipient, payload, not_before=when)
    return queued
