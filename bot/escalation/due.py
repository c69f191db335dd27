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

from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from itertools import islice
from zoneinfo import ZoneInfo

from sqlalchemy import exists, literal, select

from storage.models import Member, OutboxMessage

from .. import outbox, team
from ..config import parse_hhmm
from ..feedback import due as feedback_due
from ..lateness import Agenda, Source
from ..orders import due as orders_due
from ..tasks import due as tasks_due
from ..unit import Unit
from . import chains
from .hours import Audience

MORNING = "escalation.morning"
FOLLOW_SLICE = 2_000  # out-of-step things judged, or chains advanced, at once
MESSAGE_BATCH = 1_000  # messages queued in one INSERT
MORNING_GRACE = timedelta(hours=3)  # a morning list later than this is left for tomorrow

# What is late, by kind: each feature reports its own (their due.py).
SOURCES: tuple[Source, ...] = (
    tasks_due.SOURCE,
    orders_due.STAGES,
    orders_due.PAYMENTS,
    feedback_due.SOURCE,
)
AGENDAS: tuple[Callable[[Unit, str, datetime], list[Agenda]], ...] = (
    tasks_due.agenda,
    orders_due.agenda,
    feedback_due.agenda,
)


def follow_late(unit: Unit) -> int:
    """Start the chains of what is newly late, end those of what no longer is. Each tick
    reads only what is out of step with what was last followed (come due, done, moved), so
    its cost is what changed, not how much is late."""
    audience = Audience(unit)
    return sum(_follow_some(unit, part, audience) for part in _slices(unit))


Part = list[tuple[Source, set[int]]]  # out-of-step ids, by source


def _slices(unit: Unit) -> Iterator[Part]:
    """FOLLOW_SLICE out-of-step things at a time, across the sources: a catch-up after months
    without a tick (hundreds of thousands late at once) then holds one slice's rows, not all
    of them; a steady tick judges its few things of every kind together. A source's ids are
    read when the slices reach it, so only one source's are held at once."""
    things = ((source, id_) for source in SOURCES for id_ in sorted(source.out_of_step(unit)))
    while part := list(islice(things, FOLLOW_SLICE)):
        sources = dict.fromkeys(source for source, _ in part)
        yield [(source, {id_ for of, id_ in part if of is source}) for source in sources]


def _follow_some(unit: Unit, part: Part, audience: Audience) -> int:
    """Judge a slice: what of it is late, by source, and the chains of all of it read at
    once; the chains of what is gone ended, of what is newly late started in one go."""
    late = {source.kind: source.late(unit, ids) for source, ids in part}
    known = chains.of_subjects(unit, {source.kind: ids for source, ids in part})
    undecided = {
        kind: _end_no_longer_late(unit, known[kind], {item.key for item in items}, audience)
        for kind, items in late.items()
    }
    existing = {chain.key for kind_chains in known.values() for chain in kind_chains}
    new = [item for items in late.values() for item in items if item.key not in existing]
    # Every chain's start looks up the owner's managers by id: the owners and everyone above
    # them, read here at once, let those lookups find them in the session.
    held = team.hold_with_managers(unit, {item.owner_id for item in new if item.owner_id})
    started = chains.start_all(unit, new)
    del held
    for source, ids in part:
        # What another unit is judging stays out of step: a later tick looks at it again.
        left = undecided[source.kind]
        decided = [item for item in late[source.kind] if item.subject_id not in left]
        source.follow(unit, ids - left, decided)
    return started


def _end_no_longer_late(
    unit: Unit, known: list[chains.SubjectChain], late: set[str], audience: Audience
) -> set[int]:
    """End the open chains among `known` whose late thing is gone. Returns the subject ids
    left undecided: a chain another scheduler started as of a later instant (not this tick's
    to judge), or one another unit is working on."""
    opened = [chain for chain in known if chain.open]
    later = {chain.key for chain in opened if chain.late_since > unit.now}
    over = {chain.key: chain.subject_id for chain in opened if chain.key not in late}
    ending = chains.open_chains(unit, keys=sorted(set(over) - later))
    audience.know(recipient for chain in ending for recipient in chain.told)
    for chain in ending:
        chains.end(unit, chain, outcome(unit, chain.kind, chain.subject_id), None, audience)
    return {over[key] for key in set(over) - {chain.key for chain in ending}}


def outcome(unit: Unit, kind: str, subject_id: int) -> str:
    """What became of a thing that is no longer late, in the words of its feature."""
    if kind == "task":
        return tasks_due.outcome(unit, subject_id)
    if kind == "feedback":
        return feedback_due.outcome(unit, subject_id)
    return orders_due.outcome(unit, kind, subject_id)


def advance_chains(unit: Unit) -> int:
    """A page of the chains with a step due at a time, the longest due first: a catch-up with
    hundreds of thousands due holds one page of chains, written and let go before the next."""
    audience = Audience(unit)
    queued, after = 0, None
    while True:
        page = chains.due_chains(unit, after, FOLLOW_SLICE)
        if len(page) == FOLLOW_SLICE:
            after = chains.place_of(page[-1])  # as read: advancing moves it on
        waiting = [chain for chain in page if chain.next_step < len(chain.steps)]
        audience.know(who for chain in waiting for who in chains.recipients_to_come(chain))
        messages = (each for chain in waiting for each in chains.advance(unit, chain, audience))
        # An INSERT for a batch of the page's messages; the chains' changes are flushed first.
        # A catch-up's page of chains can owe tens of thousands (each late balance to every
        # finance member): a batch at a time, they are not all held at once.
        while batch := list(islice(messages, MESSAGE_BATCH)):
            queued += outbox.enqueue_all(unit, batch)
        unit.session.flush()  # the page's changes written, its chains no longer held
        if len(page) < FOLLOW_SLICE:
            return queued


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
    """The morning lists whose time has come and that are not queued yet: key -> (member,
    work start, end of day). Only the people of the zones where it is morning now are read,
    and of them those without today's list."""
    audience = Audience(unit)
    due: dict[str, tuple[str, datetime, datetime]] = {}
    for zone, today in _zones_in_the_morning(unit).items():
        prefix, day = f"{MORNING}:", f":{today.isoformat()}"
        key = literal(prefix) + Member.slack_id + literal(day)
        members = team.roster_in(unit, {zone}, ~exists().where(OutboxMessage.dedup_key == key))
        audience.meet(members)
        for member in members:
            hours = audience.hours(member.slack_id)
            if hours.calendar.is_workday(today):
                opens = hours.window(today)[0]
                day_ends = datetime.combine(today + timedelta(days=1), time(0), tzinfo=hours.zone)
                due[f"{prefix}{member.slack_id}{day}"] = (member.slack_id, opens, day_ends)
    return due


def _zones_in_the_morning(unit: Unit) -> dict[str, date]:
    """Each zone of the team whose work start came less than MORNING_GRACE ago (and before
    work ends): its date there."""
    alerts = unit.settings.alerts
    start, end = parse_hhmm(alerts.work_start), parse_hhmm(alerts.work_end)
    mornings = {}
    for name in team.zones_in_use(unit):
        zone = ZoneInfo(name)
        today = unit.now.astimezone(zone).date()
        opens = datetime.combine(today, start, tzinfo=zone)
        closes = datetime.combine(today, end, tzinfo=zone)
        if opens <= unit.now < min(opens + MORNING_GRACE, closes):
            mornings[name] = today
    return mornings


def _queued(unit: Unit, keys: list[str]) -> set[str]:
    if not keys:
        return set()
    query = select(OutboxMessage.dedup_key).where(OutboxMessage.dedup_key.in_(keys))
    return set(unit.session.scalars(query))


PROVIDERS = (follow_late, advance_chains, queue_morning_lists)
