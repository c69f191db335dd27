"""Who is away: inclusive local date ranges per member, set by them or their managers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import delete, select, update

from storage.models import StandupAbsence

from ..unit import Unit


@dataclass
class AwayBook:
    """The absences touching a span of days, loaded once for a whole sweep."""

    ranges: dict[str, list[tuple[date, date]]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def load(cls, unit: Unit, first: date, last: date) -> AwayBook:
        book = cls()
        query = select(StandupAbsence).where(
            StandupAbsence.first_day <= last, StandupAbsence.last_day >= first
        )
        for absence in unit.session.scalars(query):
            book.ranges[absence.member_id].append((absence.first_day, absence.last_day))
        return book

    def is_away(self, member_id: str, day: date) -> bool:
        return any(first <= day <= last for first, last in self.ranges.get(member_id, ()))


def around(unit: Unit) -> AwayBook:
    """Absences for the days any zone can be in right now (yesterday to tomorrow, UTC)."""
    today = unit.now.date()
    return AwayBook.load(unit, today - timedelta(days=1), today + timedelta(days=1))


def add(unit: Unit, member_id: str, first: date, last: date, set_by: str) -> None:
    unit.session.add(
        StandupAbsence(
            member_id=member_id, first_day=first, last_day=last, set_by=set_by,
            created_at=unit.now,
        )
    )  # fmt: skip


def end(unit: Unit, member_id: str, today: date) -> int:
    """Back from today: a running absence ends yesterday, future ones are dropped."""
    dropped = unit.session.execute(
        delete(StandupAbsence).where(
            StandupAbsence.member_id == member_id, StandupAbsence.first_day >= today
        )
    )
    ended = unit.session.execute(
        update(StandupAbsence)
        .where(StandupAbsence.member_id == member_id, StandupAbsence.last_day >= today)
        .values(last_day=today - timedelta(days=1))
    )
    return int(dropped.rowcount) + int(ended.rowcount)  # type: ignore[attr-defined]
