"""A large team's year, written fast with bulk INSERTs: members, tasks, orders with their
stage history, customer feedback, standup entries and kudos.

`seed_year(engine, members=5_000, weeks=52, until=...)` is meant to be reused by any
benchmark that needs a big database (the summary's, and the full-scale one to come). Rows
are plausible rather than real: deterministic for a given `seed`, spread over the weeks
before `until`, and shaped like what the bot writes (stage changes in `order_changes`,
SLA deadlines on feedback, one standup entry per member and workday).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, insert, select

from storage.models import (
    Customer,
    FeedbackItem,
    Kudos,
    KudosThanked,
    Member,
    Order,
    OrderChange,
    StandupEntry,
    Task,
)

BATCH = 5_000
ROLES = ("sales", "sales", "logistics", "customer_service", "finance", "market_dev", "member")
STAGES = ("confirmed", "deposit_received", "production", "qc", "booked", "shipped",
          "arrived", "delivered")  # fmt: skip
STAGE_DAYS = (2, 7, 30, 5, 10, 45, 7)  # a typical stay in each stage before the next
CATEGORIES = ("quality", "packaging", "delivery_delay", "wrong_goods", "documents", "payment",
              "communication", "other")  # fmt: skip
ZONES = ("Asia/Shanghai", "Europe/Madrid", "America/New_York")  # the factory, sales, sales
SEVERITY_HOURS = {"critical": (2, 24), "high": (8, 72), "normal": (24, 168), "low": (72, 336)}


@dataclass
class Volume:
    """How much a week holds, for the whole team (tasks and standups scale with members)."""

    tasks_per_member: float = 1.0
    orders: int = 600
    feedback: int = 400
    kudos: int = 200


@dataclass
class Seeded:
    members: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, table: str, rows: int) -> None:
        self.counts[table] = self.counts.get(table, 0) + rows


def member_id(index: int) -> str:
    return f"UB{index:06d}"


def order_number(index: int) -> str:
    """Plain numbers from 1000 up, as a trade team numbers its orders (so 1042 exists)."""
    return str(1000 + index)


def seed_year(
    engine: Engine,
    members: int = 5_000,
    weeks: int = 52,
    until: datetime | None = None,
    volume: Volume | None = None,
    seed: int = 7,
) -> Seeded:
    """Fill an empty (migrated) database; returns how many rows went into each table."""
    until = until or datetime(2026, 12, 7, 1, 0, tzinfo=UTC)
    volume = volume or Volume()
    rng = random.Random(seed)
    start = until - timedelta(weeks=weeks)
    seeded = Seeded(members)
    with engine.begin() as connection:
        write = _writer(connection, seeded)
        write(Member, _members(members, start))
        write(Customer, _customers(start))
        customers = list(connection.scalars(select(Customer.id)))
        write(Task, _tasks(rng, members, start, until, volume))
        orders = list(_orders(rng, members, customers, start, until, volume))
        write(Order, (order for order, _ in orders))
        ids = {number: id_ for number, id_ in connection.execute(select(Order.number, Order.id))}
        changes = (dict(c, order_id=ids[o["number"]]) for o, cs in orders for c in cs)
        write(OrderChange, sorted(changes, key=lambda change: change["changed_at"]))
        write(FeedbackItem, _feedback(rng, members, customers, start, until, volume))
        write(StandupEntry, _standups(rng, members, start, until))
        kudos = list(_kudos(rng, members, start, until, volume))
        write(Kudos, (row for row, _ in kudos))
        write(KudosThanked, (thanked for _, people in kudos for thanked in people))
    return seeded


def _writer(connection: Any, seeded: Seeded) -> Callable[[Any, Any], None]:
    def write(model: Any, rows: Any) -> None:
        for batch in _batches(rows):
            connection.execute(insert(model), batch)
            seeded.add(model.__tablename__, len(batch))

    return write


def _batches(rows: Any) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _members(count: int, start: datetime) -> Iterator[dict[str, Any]]:
    for index in range(count):
        yield {
            "slack_id": member_id(index), "name": f"member{index}", "real_name": f"Member {index}",
            "slack_tz": ZONES[index % len(ZONES)],
            "slack_locale": "zh-CN" if index % 3 else "en-US",
            "role": "manager" if index % 25 == 0 else ROLES[index % len(ROLES)],
            "manager_id": member_id(index - index % 25) if index % 25 else None,
            "active": True, "is_bot": False, "created_at": start, "updated_at": start,
        }  # fmt: skip


def _customers(start: datetime) -> Iterator[dict[str, Any]]:
    for index in range(300):
        name = f"Customer {index}"
        yield {"name": name, "name_key": name.casefold(), "created_at": start}


def _moments(rng: random.Random, count: int, start: datetime, until: datetime) -> list[datetime]:
    """`count` random moments in [start, until), earliest first: the bot appends rows as
    things happen, so a table's rows lie in the order they were made, and a week's rows
    sit together in the file as they would after a real year."""
    span = (until - start).total_seconds()
    return [
        start + timedelta(seconds=at) for at in sorted(rng.uniform(0, span) for _ in range(count))
    ]


def _tasks(
    rng: random.Random, members: int, start: datetime, until: datetime, volume: Volume
) -> Iterator[dict[str, Any]]:
    weeks = (until - start) / timedelta(weeks=1)
    count = int(members * weeks * volume.tasks_per_member)
    for number, created in enumerate(_moments(rng, count, start, until)):
        due = created + timedelta(days=rng.uniform(0.5, 10)) if rng.random() < 0.8 else None
        done = created + timedelta(days=rng.expovariate(1 / 4))
        finished = done < until and rng.random() < 0.92
        cancelled = not finished and rng.random() < 0.03
        yield {
            "title": f"task {number}", "priority": "normal",
            "status": "done" if finished else ("cancelled" if cancelled else "open"),
            "assignee_id": member_id(rng.randrange(members)),
            "creator_id": member_id(rng.randrange(members)), "created_at": created,
            "updated_at": done if finished else created, "due_at": due,
            "completed_at": done if finished else None,
        }  # fmt: skip


def _orders(
    rng: random.Random, members: int, customers: list[int], start: datetime, until: datetime,
    volume: Volume,
) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:  # fmt: skip
    weeks = (until - start) / timedelta(weeks=1)
    for number, created in enumerate(_moments(rng, int(volume.orders * weeks), start, until)):
        timeline = _stage_timeline(rng, created, until)
        stage, since = timeline[-1]
        shipped = next((when for key, when in timeline if key == "shipped"), None)
        balance_due = (created + timedelta(days=60)).date()
        paid = balance_due + timedelta(days=rng.randint(-10, 20))
        row = {
            "number": order_number(number), "number_key": order_number(number),
            "customer_id": rng.choice(customers), "owner_id": member_id(rng.randrange(members)),
            "stage": stage, "stage_since": since, "amount": Decimal(rng.randint(1_000, 90_000)),
            "currency": rng.choice(("USD", "USD", "EUR", "CNY")), "containers": [],
            "eta": (shipped + timedelta(days=30)).date() if shipped else None,
            "balance_due": balance_due, "paid_on": paid if paid < until.date() else None,
            "created_at": created, "updated_at": since,
        }  # fmt: skip
        changes = [
            {"changed_at": when, "actor": "import", "source": "csv",
             "changes": {"action": "updated" if index else "created",
                         "fields": {"stage": [timeline[index - 1][0] if index else None, key]}}}
            for index, (key, when) in enumerate(timeline)
        ]  # fmt: skip
        yield row, changes


def _stage_timeline(
    rng: random.Random, created: datetime, until: datetime
) -> list[tuple[str, datetime]]:
    if rng.random() < 0.03:
        return [("confirmed", created), ("cancelled", created + timedelta(days=1))]
    timeline, when = [("confirmed", created)], created
    for key, days in zip(STAGES[1:], STAGE_DAYS, strict=True):
        when = when + timedelta(days=rng.uniform(0.3, 1.3) * days)
        if when >= until:
            break
        timeline.append((key, when))
    return timeline


def _feedback(
    rng: random.Random, members: int, customers: list[int], start: datetime, until: datetime,
    volume: Volume,
) -> Iterator[dict[str, Any]]:  # fmt: skip
    weeks = (until - start) / timedelta(weeks=1)
    for created in _moments(rng, int(volume.feedback * weeks), start, until):
        severity = rng.choice(tuple(SEVERITY_HOURS))
        respond_h, resolve_h = SEVERITY_HOURS[severity]
        responded = created + timedelta(hours=rng.expovariate(1 / respond_h))
        resolved = created + timedelta(hours=rng.expovariate(1 / resolve_h) + 1)
        yield {
            "customer_id": rng.choice(customers),
            "category": rng.choices(CATEGORIES, weights=(8, 5, 6, 2, 2, 1, 1, 1))[0],
            "severity": severity, "text": "complaint",
            "status": _status(responded < until, resolved < until),
            "reporter_id": member_id(rng.randrange(members)),
            "assignee_id": member_id(rng.randrange(members)), "created_at": created,
            "updated_at": created, "first_response_due_at": created + timedelta(hours=respond_h),
            "resolution_due_at": created + timedelta(hours=resolve_h),
            "first_responded_at": responded if responded < until else None,
            "resolved_at": resolved if resolved < until else None,
        }  # fmt: skip


def _status(responded: bool, resolved: bool) -> str:
    return "resolved" if resolved else ("in_progress" if responded else "open")


def _standups(
    rng: random.Random, members: int, start: datetime, until: datetime
) -> Iterator[dict[str, Any]]:
    day = start.date()
    while day < until.date():
        if day.weekday() < 5:
            prompted = datetime(day.year, day.month, day.day, 1, 30, tzinfo=UTC)
            for index in range(members):
                roll = rng.random()
                status = "answered" if roll < 0.85 else ("skipped" if roll < 0.9 else "prompted")
                blocker = status == "answered" and rng.random() < 0.02
                helper = member_id(rng.randrange(members)) if blocker and roll < 0.5 else None
                yield {
                    "key": f"daily:{member_id(index)}:{day.isoformat()}", "standup": "daily",
                    "member_id": member_id(index), "day": day, "status": status,
                    "prompted_at": prompted, "cutoff_at": prompted + timedelta(hours=4),
                    "revision": 1 if status == "answered" else 0, "has_blocker": blocker,
                    "helper_id": helper,
                    "answered_at": prompted + timedelta(hours=1) if status == "answered" else None,
                }  # fmt: skip
        day += timedelta(days=1)


def _kudos(
    rng: random.Random, members: int, start: datetime, until: datetime, volume: Volume
) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    weeks = (until - start) / timedelta(weeks=1)
    moments = _moments(rng, int(volume.kudos * weeks), start, until)
    for number, created in enumerate(moments, start=1):
        thanked = {member_id(rng.randrange(members)) for _ in range(rng.choice((1, 1, 2)))}
        row = {"id": number, "giver_id": member_id(rng.randrange(members)),
               "reason": "thanks", "created_at": created}  # fmt: skip
        yield row, [{"kudos_id": number, "member_id": m, "created_at": created} for m in thanked]
