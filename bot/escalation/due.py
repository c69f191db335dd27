"""What the escalations put into the outbox on tick(now).

- `follow_late`: asks each feature what is late (their due.py), starts a chain for what is
  newly late and ends the chains of what no longer is (done, paid, moved on, resolved),
  telling whoever was told.
- `advance_chains`: queues the steps of open, unacknowledged chains that are due, each
  message once the recipient's working hours allow (never skipped for being late).
- `queue_morning_lists`: at each member's work start, one DM with what is theirs and due
  today or overdue (nothing due: no message); within MORNING_GRACE of it, else skipped.

Level-triggered: computed from the database each tick, keyed so that a second tick, a
restart or another scheduler adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta

from sqlalchemy import select

from storage.models import EscalationChain, Member, OutboxMessage

from .. import outbox
from ..feedback import due as feedback_due
from ..lateness import Agenda, Late, LateKeys
from ..orders import due as orders_due
from ..tasks import due as tasks_due
from ..unit import Unit
from . import chains
from .hours import Audience

MORNING = "escalation.morning"
MANY = 200  # chains starting in one tick, beyond which the members are read at once
MORNING_GRACE = timedelta(hours=3)  # a morning list later than this is left for tomorrow

# What is late, by kind: each feature reports its own, as keys (cheap, every tick) and as
# the full `Late` of the ids asked for (only what starts a chain).
SOURCES: tuple[tuple[Callable[[Unit], LateKeys], Callable[[Unit, set[int]], list[Late]]], ...] = (
    (tasks_due.late_keys, tasks_due.late),
    (orders_due.late_stage_keys, orders_due.late_stages),
    (orders_due.late_payment_keys, orders_due.late_payments),
    (feedback_due.late_keys, feedback_due.late),
)
AGENDAS: tuple[Callable[[Unit, str, datetime], list[Agenda]], ...] = (
    tasks_due.agenda,
    orders_due.agenda,
    feedback_due.agenda,
)


def follow_late(unit: Unit) -> int:
    """Start the chains of what is newly late, end those of what no longer is. Each tick
    compares keys only; whole rows are read for the chains that start or end."""
    late = [keys(unit) for keys, _ in SOURCES]
    opened = chains.open_keys(unit)
    fresh = [key for keys in late for key in keys if key not in opened]
    new = set(fresh) - chains.existing_keys(unit, fresh)
    # Every chain's start looks up the owner's managers by id: for many starts (a catch-up),
    # all members held here let those lookups find them in the session instead of asking.
    members = list(unit.session.scalars(select(Member))) if len(new) > MANY else []
    started = 0
    for (_, details), keys in zip(SOURCES, late, strict=True):
        ids = {keys[key] for key in new if key in keys}
        started += sum(chains.start(unit, item) for item in _starting(unit, details, ids, new))
    del members
    # A chain another scheduler started as of a later instant is not this tick's to judge.
    over = sorted(opened.difference(*late) - chains.started_later(unit))
    audience = Audience(unit)
    for chain in chains.open_chains(unit, keys=over):
        chains.end(unit, chain, outcome(unit, chain.kind, chain.subject_id), None, audience)
    return started


def _starting(
    unit: Unit, details: Callable[[Unit, set[int]], list[Late]], ids: set[int], new: set[str]
) -> list[Late]:
    return [item for item in details(unit, ids) if item.key in new] if ids else []


def outcome(unit: Unit, kind: str, subject_id: int) -> str:
    """What became of a thing that is no longer late, in the words of its feature."""
    if kind == "task":
        return tasks_due.outcome(unit, subject_id)
    if kind == "feedback":
        return feedback_due.outcome(unit, subject_id)
    return orders_due.outcome(unit, kind, subject_id)


def advance_chains(unit: Unit) -> int:
    audience = Audience(unit)
    waiting = chains.open_chains(
        unit,
        EscalationChain.acknowledged_at.is_(None),
        EscalationChain.next_action_at <= unit.now,
    )
    return sum(
        chains.advance(unit, chain, audience)
        for chain in waiting
        if chain.next_step < len(chain.steps)
    )


def queue_morning_lists(unit: Unit) -> int:
    due = _mornings_due(unit)
    queued = 0
    for key in sorted(set(due) - _queued(unit, list(due))):
        member_id, opened, day_ends = due[key]
        lines = [
            line
            for agenda in AGENDAS
            for line in agenda(unit, member_id, day_ends)
            if line.since <= opened
        ]
        if lines:
            lines.sort(key=lambda line: (line.due_at, line.kind, line.subject_id))
            payload = {"day": key.rsplit(":", 1)[1], "lines": [line.as_payload() for line in lines]}
            queued += outbox.enqueue(unit, key, MORNING, member_id, payload)
    return queued


def _mornings_due(unit: Unit) -> dict[str, tuple[str, datetime, datetime]]:
    """The morning lists whose time has come: key -> (member, work start, end of day)."""
    audience = Audience(unit)
    due: dict[str, tuple[str, datetime, datetime]] = {}
    for member in audience.members.values():
        hours = audience.hours(member.slack_id)
        today = unit.now.astimezone(hours.zone).date()
        opens, closes = hours.window(today)
        in_time = opens <= unit.now < min(opens + MORNING_GRACE, closes)
        if in_time and hours.calendar.is_workday(today):
            day_ends = datetime.combine(today + timedelta(days=1), time(0), tzinfo=hours.zone)
            key = f"{MORNING}:{member.slack_id}:{today.isoformat()}"
            due[key] = (member.slack_id, opens, day_ends)
    return due


def _queued(unit: Unit, keys: list[str]) -> set[str]:
    if not keys:
        return set()
    query = select(OutboxMessage.dedup_key).where(OutboxMessage.dedup_key.in_(keys))
    return set(unit.session.scalars(query))


PROVIDERS = (follow_late, advance_chains, queue_morning_lists)
