"""What is late, in one shape every feature can report and the escalation chains follow.

Each feature that owns something with a deadline (tasks, orders and their payments, feedback)
lists what is late as of `unit.now` in its own `due.py`, as `Late` values, and what is on a
member's plate today as `Agenda` lines; bot/escalation turns both into messages. The values
are plain and JSON-friendly, because chains keep a snapshot of them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from storage import db

# What every feature's `late_keys(unit)` returns: each late thing's chain key -> its id.
# Keys alone are cheap to list every tick; the full `Late` is built only for new ones.
LateKeys = dict[str, int]


@dataclass(frozen=True)
class Late:
    kind: str  # task, order, payment, feedback
    subject: str  # what is late, e.g. "task:12", "order:5:production", "feedback:3:response"
    subject_id: int  # the task, order or feedback id
    since: datetime  # the moment it became late (UTC)
    owner_id: str | None  # whose it is: told at once, and whose managers are escalated to
    title: str
    detail: dict[str, Any] = field(default_factory=dict)
    # Told at once besides the owner (e.g. finance about an unpaid balance).
    also_told: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return late_key(self.subject, self.since)


def late_key(subject: str, since: datetime) -> str:
    """One chain per late thing and moment: a task snoozed and late again starts anew."""
    return f"{subject}@{int(since.timestamp())}"


def chunks(ids: Collection[int] | None) -> Iterator[list[int] | None]:
    """`ids` in slices for IN (...); None (no restriction) once."""
    if ids is None:
        yield None
        return
    yield from (list(part) for part in db.in_slices(sorted(ids)))


@dataclass(frozen=True)
class Agenda:
    """One line of a member's morning list: something of theirs due today or overdue."""

    kind: str  # task, order, payment, feedback
    subject_id: int
    title: str
    due_at: datetime
    late: bool
    # Since when it has been on the member's plate: a morning list sent late (within its
    # grace) says what it would have said at work start, nothing that came in since.
    since: datetime
    detail: dict[str, Any] = field(default_factory=dict)

    def as_payload(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "id": self.subject_id, "title": self.title,
            "due_at": self.due_at.isoformat(), "late": self.late,
            "since": self.since.isoformat(), "detail": self.detail,
        }  # fmt: skip


def agenda_of(payload: dict[str, Any]) -> Agenda:
    return Agenda(
        payload["kind"], payload["id"], payload["title"],
        datetime.fromisoformat(payload["due_at"]), payload["late"],
        datetime.fromisoformat(payload["since"]), payload.get("detail") or {},
    )  # fmt: skip
