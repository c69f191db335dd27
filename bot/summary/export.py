"""CSV exports for Excel, Tableau and Power BI: tasks, feedback, standups and kudos.

One row per item (per person thanked, for kudos), member names beside their ids, instants as
plain ISO date-times in the team's time zone ("2026-12-01 10:00:00") and days as ISO dates.
`--since` and `--until` are inclusive days in the team's zone, on when the item was made
(a standup: its day). Orders have their own export, which imports back (bot.orders.transfer).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import IO, Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from storage.models import (
    Customer,
    FeedbackItem,
    Kudos,
    KudosThanked,
    Member,
    Order,
    StandupEntry,
    Task,
)

from ..unit import Unit

BATCH = 1000


@dataclass(frozen=True)
class Span:
    since: date | None = None
    until: date | None = None  # inclusive


@dataclass
class _Format:
    """How one export shows people and time: names by id, instants in the team's zone."""

    names: dict[str, str]
    zone: ZoneInfo

    def when(self, instant: datetime | None) -> str:
        return instant.astimezone(self.zone).strftime("%Y-%m-%d %H:%M:%S") if instant else ""

    def name(self, member_id: str | None) -> str:
        return self.names.get(member_id, "") if member_id else ""


Rows = Callable[[Unit, Span, _Format], tuple[list[str], Iterable[list[Any]]]]


def write(unit: Unit, kind: str, span: Span, stream: IO[str]) -> int:
    """Write the `kind` export to `stream` (opened utf-8-sig); the number of rows."""
    header, rows = EXPORTS[kind](unit, span, _format(unit))
    writer = csv.writer(stream)
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def _format(unit: Unit) -> _Format:
    query = select(Member.slack_id, Member.real_name, Member.name)
    names = {slack_id: real or name for slack_id, real, name in unit.session.execute(query)}
    return _Format(names, ZoneInfo(unit.settings.team.timezone))


def _bounds(column: Any, span: Span, zone: ZoneInfo) -> list[Any]:
    """Conditions for an instant column to fall within the span's local days."""
    conditions = []
    if span.since:
        conditions.append(column >= datetime.combine(span.since, time(0), tzinfo=zone))
    if span.until:
        after = span.until + timedelta(days=1)
        conditions.append(column < datetime.combine(after, time(0), tzinfo=zone))
    return conditions


def _streamed(unit: Unit, query: Any) -> Iterator[Any]:
    yield from unit.session.execute(query.execution_options(yield_per=BATCH))


TASK_COLUMNS = [
    "id", "title", "status", "priority", "assignee_id", "assignee_name", "creator_id",
    "creator_name", "created_at", "due_at", "completed_at", "source_link",
]  # fmt: skip


def _tasks(unit: Unit, span: Span, show: _Format) -> tuple[list[str], Iterable[list[Any]]]:
    query = select(Task).where(*_bounds(Task.created_at, span, show.zone)).order_by(Task.id)
    rows = (
        [
            task.id,
            task.title,
            task.status,
            task.priority,
            task.assignee_id,
            show.name(task.assignee_id),
            task.creator_id,
            show.name(task.creator_id),
            show.when(task.created_at),
            show.when(task.due_at),
            show.when(task.completed_at),
            task.source_link or "",
        ]
        for (task,) in _streamed(unit, query)
    )
    return TASK_COLUMNS, rows


FEEDBACK_COLUMNS = [
    "id", "customer", "order_number", "category", "severity", "status", "reporter_id",
    "reporter_name", "assignee_id", "assignee_name", "created_at", "first_response_due_at",
    "first_responded_at", "resolution_due_at", "resolved_at", "text", "resolution",
]  # fmt: skip


def _feedback(unit: Unit, span: Span, show: _Format) -> tuple[list[str], Iterable[list[Any]]]:
    query = (
        select(FeedbackItem, Customer.name, Order.number)
        .join(Customer, Customer.id == FeedbackItem.customer_id)
        .outerjoin(Order, Order.id == FeedbackItem.order_id)
        .where(*_bounds(FeedbackItem.created_at, span, show.zone))
        .order_by(FeedbackItem.id)
    )
    rows = (
        [
            item.id,
            customer,
            number or "",
            item.category,
            item.severity,
            item.status,
            item.reporter_id or "",
            show.name(item.reporter_id),
            item.assignee_id or "",
            show.name(item.assignee_id),
            show.when(item.created_at),
            show.when(item.first_response_due_at),
            show.when(item.first_responded_at),
            show.when(item.resolution_due_at),
            show.when(item.resolved_at),
            item.text,
            item.resolution or "",
        ]
        for item, customer, number in _streamed(unit, query)
    )
    return FEEDBACK_COLUMNS, rows


STANDUP_COLUMNS = [
    "standup", "day", "member_id", "member_name", "status", "prompted_at", "answered_at",
    "has_blocker", "helper_id", "helper_name",
]  # fmt: skip


def _standups(unit: Unit, span: Span, show: _Format) -> tuple[list[str], Iterable[list[Any]]]:
    questions = list(dict.fromkeys(q.key for s in unit.settings.all_standups for q in s.questions))
    query = select(StandupEntry).order_by(StandupEntry.day, StandupEntry.standup, StandupEntry.id)
    if span.since:
        query = query.where(StandupEntry.day >= span.since)
    if span.until:
        query = query.where(StandupEntry.day <= span.until)
    rows = (
        [
            entry.standup,
            entry.day.isoformat(),
            entry.member_id,
            show.name(entry.member_id),
            entry.status,
            show.when(entry.prompted_at),
            show.when(entry.answered_at),
            "yes" if entry.has_blocker else "no",
            entry.helper_id or "",
            show.name(entry.helper_id),
            *((entry.answers or {}).get(key, "") for key in questions),
        ]
        for (entry,) in _streamed(unit, query)
    )
    return STANDUP_COLUMNS + [f"answer_{key}" for key in questions], rows


KUDOS_COLUMNS = [
    "kudos_id", "created_at", "giver_id", "giver_name", "thanked_id", "thanked_name", "reason",
]  # fmt: skip


def _kudos(unit: Unit, span: Span, show: _Format) -> tuple[list[str], Iterable[list[Any]]]:
    query = (
        select(Kudos, KudosThanked.member_id)
        .join(KudosThanked, KudosThanked.kudos_id == Kudos.id)
        .where(*_bounds(Kudos.created_at, span, show.zone))
        .order_by(Kudos.id, KudosThanked.member_id)
    )
    rows = (
        [
            kudos.id,
            show.when(kudos.created_at),
            kudos.giver_id or "",
            show.name(kudos.giver_id),
            thanked,
            show.name(thanked),
            kudos.reason,
        ]
        for kudos, thanked in _streamed(unit, query)
    )
    return KUDOS_COLUMNS, rows


EXPORTS: dict[str, Rows] = {
    "tasks": _tasks,
    "feedback": _feedback,
    "standups": _standups,
    "kudos": _kudos,
}
