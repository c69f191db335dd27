"""What is late, in one shape every feature can report and the escalation chains follow.

Each feature that owns something with a deadline (tasks, orders and their payments, feedback)
lists what is late as of `unit.now` in its own `due.py`, as `Late` values, and what is on a
member's plate today as `Agenda` lines; bot/escalation turns both into messages. The values
are plain and JSON-friendly, because chains keep a snapshot of them.

A tick does not compare every late thing with every chain: each late thing carries what the
scheduler last followed of it (its `followed_*` columns), and a feature's `Source` names the
things out of step with that mark (come due and not followed yet; followed, and since then
done, moved or changed), through indexes as small as what changed. Once a tick has started
and ended their chains it marks them with what it saw (`follow`). The mark is state, not an
event: a restart, a second scheduler or a tick at an earlier instant finds the same things.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from storage import db

from .unit import Unit


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


@dataclass(frozen=True)
class Source:
    """One kind of late thing, as its feature reports it."""

    kind: str  # the chains' kind: task, order, payment, feedback
    # The ids out of step with what was last followed (a handful, in a steady tick).
    out_of_step: Callable[[Unit], set[int]]
    # What of those ids is late as of unit.now.
    late: Callable[[Unit, Collection[int]], list[Late]]
    # Mark those ids with what was followed now: `late` as found, the others not late.
    follow: Callable[[Unit, Collection[int], list[Late]], None]


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
