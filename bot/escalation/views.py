"""Escalation chains as plain values, and the payloads of the messages they send.

The payloads are made here and read back by the Slack side's renderers (through the
functions below), so the two sides cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from storage.models import EscalationChain


@dataclass(frozen=True)
class StepView:
    level: int  # 0: the alert to whose it is
    to: str  # owner, manager, manager_of_manager, managers_channel, role:<role>
    due_at: datetime
    recipients: tuple[str, ...]
    sent: tuple[str, ...]


@dataclass(frozen=True)
class ChainView:
    id: int
    kind: str  # task, order, payment, feedback
    subject_id: int
    title: str
    owner_id: str | None
    late_since: datetime
    detail: dict[str, Any]
    steps: tuple[StepView, ...]
    acknowledged_by: str | None
    acknowledged_at: datetime | None
    ended_at: datetime | None
    ended_by: str | None
    end_reason: str | None
    as_of: datetime

    @property
    def level(self) -> int:
        """The highest level anyone has been told at so far."""
        return max((step.level for step in self.steps if step.sent), default=0)

    @property
    def age(self) -> timedelta:
        return self.as_of - self.late_since

    @property
    def state(self) -> str:
        if self.ended_at:
            return "ended"
        return "acknowledged" if self.acknowledged_by else "open"


@dataclass(frozen=True)
class Acknowledged:
    """What pressing Acknowledge came to: `first` is False when someone had pressed it
    already (or the chain had ended); the chain says who and when."""

    chain: ChainView
    first: bool


@dataclass(frozen=True)
class Settled:
    """Done, Mark paid or Resolve pressed on an escalation: the chain as it ended."""

    chain: ChainView
    changed: bool  # False: it was already so (a second press)


@dataclass(frozen=True)
class ChainList:
    chains: tuple[ChainView, ...]
    total: int


@dataclass(frozen=True)
class WeekCounts:
    """For the weekly summary: chains opened in the week, and how they went."""

    opened: int
    acknowledged: int
    ended: int


def chain_view(chain: EscalationChain, now: datetime) -> ChainView:
    steps = tuple(
        StepView(step["level"], step["to"], datetime.fromisoformat(step["due_at"]),
                 tuple(step["recipients"]), tuple(step.get("sent") or ()))
        for step in chain.steps
    )  # fmt: skip
    return ChainView(
        chain.id, chain.kind, chain.subject_id, chain.title, chain.owner_id, chain.late_since,
        dict(chain.detail), steps, chain.acknowledged_by, chain.acknowledged_at, chain.ended_at,
        chain.ended_by, chain.end_reason, now,
    )  # fmt: skip


def step_payload(chain: EscalationChain, index: int) -> dict[str, Any]:
    """A level's message: what is late and since when, whose it is, the earlier levels."""
    step = chain.steps[index]
    earlier = [
        {"level": s["level"], "to": s["to"], "recipients": s["recipients"]}
        for s in chain.steps[:index]
    ]
    return {**_about(chain), "level": step["level"], "to": step["to"], "earlier": earlier}


def _about(chain: EscalationChain) -> dict[str, Any]:
    return {
        "chain": chain.id, "kind": chain.kind, "subject_id": chain.subject_id,
        "title": chain.title, "owner": chain.owner_id, "late_since": chain.late_since.isoformat(),
        "detail": dict(chain.detail),
    }  # fmt: skip


def closing_payload(chain: EscalationChain) -> dict[str, Any]:
    """Acknowledged or ended: who, when and why."""
    return {
        **_about(chain),
        "acknowledged_by": chain.acknowledged_by,
        "acknowledged_at": iso(chain.acknowledged_at),
        "ended_by": chain.ended_by,
        "ended_at": iso(chain.ended_at),
        "reason": chain.end_reason,
    }


@dataclass(frozen=True)
class Notice:
    """An escalation message's payload, read back for rendering."""

    chain_id: int
    kind: str
    subject_id: int
    title: str
    owner_id: str | None
    late_since: datetime
    detail: dict[str, Any]
    level: int = 0
    to: str = ""
    earlier: tuple[dict[str, Any], ...] = ()
    acknowledged_by: str | None = None
    acknowledged_at: datetime | None = None
    ended_by: str | None = None
    reason: str | None = None


def notice_of(payload: dict[str, Any]) -> Notice:
    return Notice(
        payload["chain"], payload["kind"], payload["subject_id"], payload["title"],
        payload.get("owner"), datetime.fromisoformat(payload["late_since"]),
        payload.get("detail") or {}, payload.get("level", 0), payload.get("to", ""),
        tuple(payload.get("earlier") or ()), payload.get("acknowledged_by"),
        _instant(payload.get("acknowledged_at")), payload.get("ended_by"), payload.get("reason"),
    )  # fmt: skip


def notice_of_view(chain: ChainView) -> Notice:
    """The same facts from a chain read just now (a button's answer)."""
    return Notice(
        chain.id, chain.kind, chain.subject_id, chain.title, chain.owner_id, chain.late_since,
        chain.detail, chain.level, "", (), chain.acknowledged_by, chain.acknowledged_at,
        chain.ended_by, chain.end_reason,
    )  # fmt: skip


def iso(instant: datetime | None) -> str | None:
    return instant.isoformat() if instant else None


def _instant(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None
