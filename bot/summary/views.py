"""The weekly summary as plain values: what the renderer shows and the outbox carries.

Every figure is this week's beside last week's. A summary travels through the outbox as JSON
(`as_payload` / `from_payload`, by pydantic), because the weekly post is computed when it is
queued and rendered later, per reader, without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import TypeAdapter

# Counts stay whole numbers through JSON; shares (0-1) and durations (seconds) are floats.
Number = int | float


@dataclass(frozen=True)
class Figure:
    """One number for the week and the week before (None: nothing to measure)."""

    value: Number | None
    before: Number | None = None

    @property
    def change(self) -> Number | None:
        if self.value is None or self.before is None:
            return None
        return self.value - self.before

    @property
    def is_zero(self) -> bool:
        return not self.value


@dataclass(frozen=True)
class Row:
    """A line of a table: a stage, a severity, a category or a person, with both weeks.

    `names` holds display names by language where the data has them (stages); people's
    names are in `name`; keys the renderer translates (severities) leave both empty.
    """

    key: str
    value: Number | None
    before: Number | None = None
    name: str = ""
    names: dict[str, str] = field(default_factory=dict)

    def label(self, language: str) -> str:
        return self.names.get(language) or self.name or self.key


@dataclass(frozen=True)
class Money:
    currency: str
    count: int
    amount: Decimal


@dataclass(frozen=True)
class WeekRate:
    """A week's on-time task rate for the trend chart (None: nothing due was done)."""

    monday: date
    rate: float | None
    done: int


@dataclass(frozen=True)
class TaskFigures:
    created: Figure
    done: Figure
    on_time: Figure  # share of the tasks done this week with a due date, done by it (0-1)
    overdue: Figure  # open and past due at the end of the week (or now, while it runs)
    top_overdue: tuple[Row, ...]  # people with the most overdue tasks
    trend: tuple[WeekRate, ...]  # the on-time rate over the last 8 weeks, oldest first
    # The on-time share of playbook steps' tasks (0-1), by stage and step, in pipeline order.
    by_step: tuple[Row, ...] = ()

    @property
    def is_empty(self) -> bool:
        return all(f.is_zero for f in (self.created, self.done, self.overdue))


@dataclass(frozen=True)
class OrderFigures:
    by_stage: tuple[Row, ...]  # open orders by stage, in pipeline order
    shipped: Figure
    arriving: Figure  # ETA within 14 days of the week's end, not yet arrived
    stuck: Figure  # longer in their stage than its SLA allows
    balances_overdue: Figure
    balances: tuple[Money, ...]  # the overdue balances by currency

    @property
    def is_empty(self) -> bool:
        nothing_open = all(not row.value for row in self.by_stage)
        return nothing_open and self.shipped.is_zero and self.balances_overdue.is_zero


@dataclass(frozen=True)
class FeedbackFigures:
    new: Figure
    resolved: Figure
    first_response: Figure  # median seconds to first response, of first responses this week
    resolution: Figure  # median seconds to resolution, of resolutions this week
    sla_met: Figure  # share of this week's resolutions that met both deadlines (0-1)
    open_by_severity: tuple[Row, ...]
    categories: tuple[Row, ...]  # this week's new feedback by category, most first

    @property
    def is_empty(self) -> bool:
        still_open = any(row.value for row in self.open_by_severity)
        return self.new.is_zero and self.resolved.is_zero and not still_open


@dataclass(frozen=True)
class StandupFigures:
    participation: Figure  # answered of asked, the whole team (0-1)
    people: tuple[Row, ...]  # the lowest participation first (0-1)
    blockers: Figure  # raised this week
    blockers_open: Figure  # of those, nobody has offered help yet
    asked: int

    @property
    def is_empty(self) -> bool:
        return self.asked == 0


@dataclass(frozen=True)
class KudosFigures:
    given: Figure
    thanked: tuple[Row, ...]  # who was thanked, most first

    @property
    def is_empty(self) -> bool:
        return self.given.is_zero


@dataclass(frozen=True)
class EscalationFigures:
    """Escalation chains started in the week, how many of those were acknowledged and ended
    (the thing dealt with) by the time of the summary, and the median seconds from a chain's
    start to its acknowledgement (None: none acknowledged)."""

    opened: Figure
    acknowledged: Figure
    ended: Figure
    to_acknowledge: Figure = Figure(None, None)  # summaries queued before had no median

    @property
    def is_empty(self) -> bool:
        return self.opened.is_zero and not self.opened.before


NO_ESCALATIONS = EscalationFigures(Figure(0, 0), Figure(0, 0), Figure(0, 0))


@dataclass(frozen=True)
class WeeklySummary:
    team: str
    monday: date
    sunday: date
    timezone: str
    as_of: datetime  # "now" figures (overdue, open, by stage) are read at this instant
    tasks: TaskFigures
    orders: OrderFigures
    feedback: FeedbackFigures
    standups: StandupFigures
    kudos: KudosFigures
    escalations: EscalationFigures = NO_ESCALATIONS  # summaries posted before had none

    @property
    def is_empty(self) -> bool:
        sections = (self.tasks, self.orders, self.feedback, self.standups, self.kudos,
                    self.escalations)  # fmt: skip
        return all(section.is_empty for section in sections)

    def as_payload(self) -> dict[str, Any]:
        return _ADAPTER.dump_python(self, mode="json")  # type: ignore[no-any-return]

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> WeeklySummary:
        return _ADAPTER.validate_python(payload)


_ADAPTER: TypeAdapter[WeeklySummary] = TypeAdapter(WeeklySummary)
