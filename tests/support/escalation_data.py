"""A team in Shanghai, Madrid and New York with something late of every kind, and a
fortnight of scheduler beats over it, made and driven through the bot itself.

The fortnight runs from Monday 2026-10-26 to Monday 2026-11-09 (UTC), across the end of
daylight saving time in New York (Sunday 2026-11-01): New York is UTC-4 before, UTC-5 after.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot import escalation, feedback, orders, tasks, team
from bot.config import Settings
from bot.feedback import NewFeedback
from bot.team import SlackProfile
from storage.models import EscalationChain, Member
from tests.conftest import make_settings

START = datetime(2026, 10, 26, 0, 0, tzinfo=UTC)
END = START + timedelta(days=14)
BEAT = timedelta(minutes=5)
SHANGHAI, MADRID, NEW_YORK = "Asia/Shanghai", "Europe/Madrid", "America/New_York"

# id: (zone, role, manager)
PEOPLE = {
    "UZHOU": (SHANGHAI, "manager", None),
    "ULI": (SHANGHAI, "sales", "UZHOU"),
    "UZHANG": (SHANGHAI, "finance", "UZHOU"),
    "UCARMEN": (MADRID, "manager", "UZHOU"),
    "UANA": (MADRID, "sales", "UCARMEN"),
    "UMIKE": (NEW_YORK, "manager", "UZHOU"),
    "USARAH": (NEW_YORK, "sales", "UMIKE"),
}
ZONES = {member: zone for member, (zone, _, _) in PEOPLE.items()}


def team_settings(**overrides: Any) -> Settings:
    sections: dict[str, Any] = {
        "team": {"timezone": SHANGHAI, "admins": ["UZHOU"]},
        "channels": {"managers": "CMANAGERS"},
        "standup": {"enabled": False},
        "summary": {"enabled": False},
        "escalation": {
            "task": {"levels": [{"after_hours": 24, "to": "manager"},
                                {"after_hours": 72, "to": "manager_of_manager"}]},
            "order": {"levels": [{"after_hours": 48, "to": "manager"}]},
            "payment": {"levels": [{"after_hours": 48, "to": "manager"},
                                   {"after_hours": 96, "to": "managers_channel"}]},
            "feedback": {"levels": [{"after_hours": 4, "to": "manager"}]},
        },
    }  # fmt: skip
    sections.update(overrides)
    return make_settings(**sections)


def at(zone: str, text: str) -> datetime:
    """A local wall-clock time, e.g. at(NEW_YORK, "2026-10-29 17:00"), as UTC."""
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


def seed(core: Any) -> None:
    """The team, and everything that will be late, as it stood before the fortnight."""
    with core.write(now=START - timedelta(days=60)) as unit:
        for member_id, (zone, _, _) in PEOPLE.items():
            team.upsert_profile(unit, SlackProfile(member_id, member_id[1:].lower(), tz=zone))
        for member_id, (_, role, manager) in PEOPLE.items():
            row = unit.session.get(Member, member_id)
            row.role, row.manager_id = role, manager
    # In production since 27 Sep 10:00 UTC: its 30 days run out on Tue 27 Oct, 11:00 Madrid.
    with core.write(now=datetime(2026, 9, 27, 10, 0, tzinfo=UTC)) as unit:
        fields = {"customer": "Maple Leaf Retail", "owner": "UANA", "stage": "production"}
        orders.save(unit, "UANA", "command", "1047", fields)
    # Shipped; its balance is due Wed 28 Oct (Shanghai, the team's zone) and never paid on time.
    with core.write(now=datetime(2026, 10, 20, 2, 0, tzinfo=UTC)) as unit:
        fields = {"customer": "Al Noor Trading", "owner": "ULI", "stage": "shipped",
                  "balance": "2026-10-28"}  # fmt: skip
        orders.save(unit, "ULI", "command", "1035", fields)
    with core.write(now=START) as unit:
        tasks.create(
            unit,
            "UMIKE",
            "Send the lamp samples to Maple Leaf",
            assignee_id="USARAH",
            due_at=at(NEW_YORK, "2026-10-29 17:00"),
        )
        # Zhou has no manager: the levels above him are skipped.
        tasks.create(unit, "UZHOU", "Approve the Q1 price list",
                     assignee_id="UZHOU", due_at=at(SHANGHAI, "2026-11-06 12:00"))  # fmt: skip


def chain_of(core: Any, kind: str) -> int:
    with core.read() as unit:
        query = select(EscalationChain.id).where(EscalationChain.kind == kind)
        return unit.session.scalars(query.order_by(EscalationChain.id)).first()


def log_feedback(core: Any) -> None:
    feedback.log(core, "UANA", NewFeedback("Maple Leaf Retail", "Twelve shades arrived cracked.",
                                           severity="high", assignee_id="UANA"))  # fmt: skip


# What people do during the fortnight, at these instants (before that instant's beat).
ACTIONS: list[tuple[datetime, Callable[[Any], object]]] = [
    (at(MADRID, "2026-10-29 12:00"),
     lambda core: escalation.acknowledge(core, "UCARMEN", chain_of(core, "order"))),
    (at(SHANGHAI, "2026-11-02 10:00"),
     lambda core: escalation.settle(core, "UZHANG", chain_of(core, "payment"))),
    (at(NEW_YORK, "2026-11-02 10:00"),
     lambda core: tasks.set_status(core, "USARAH", 1, tasks.DONE)),
    (at(MADRID, "2026-11-03 10:00"),
     lambda core: orders.update(core, "UANA", "1047", {"stage": "qc"})),
    (at(MADRID, "2026-11-04 09:30"), log_feedback),
    (at(MADRID, "2026-11-05 10:00"), lambda core: feedback.start(core, "UANA", 1)),
]  # fmt: skip


def beats(
    start: datetime = START, end: datetime = END, every: timedelta = BEAT
) -> Iterator[datetime]:
    instant = start
    while instant < end:
        yield instant
        instant += every


@dataclass(frozen=True)
class Seen:
    """One escalation message as its recipient got it: who, what, and their local time."""

    recipient: str
    kind: str
    local: str

    @classmethod
    def of(cls, message: Any) -> Seen:
        zone = ZoneInfo(ZONES.get(message.recipient, SHANGHAI))
        local = message.now.astimezone(zone)
        return cls(message.recipient, message.kind.removeprefix("escalation."),
                   f"{local:%a %m-%d %H:%M}")  # fmt: skip


def escalation_messages(sent: list[Any]) -> list[Seen]:
    seen = [m for m in sent if m.kind.startswith("escalation.")]
    ordered = sorted(seen, key=lambda m: (m.now, m.recipient, m.kind))
    return [Seen.of(message) for message in ordered]
