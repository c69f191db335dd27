"""Overdue alerts and escalation to managers.

Something late (a task past due, an order past its stage SLA, an unpaid balance, feedback
past its first-response or resolution deadline) starts a chain: its owner is alerted, then
the levels of the kind's policy ([escalation.<kind>]) are told in turn, each within their
working hours ([alerts]), until someone presses Acknowledge or the thing is dealt with.

The Slack side calls `acknowledge`, `settle` (writes) and `visible_to` (a read); operators
`for_operators`; the scheduler `due.PROVIDERS`; the weekly summary `week_counts` and
`acknowledged_between(unit, ...)`.
"""

from __future__ import annotations

from .queries import acknowledged_between, for_operators, visible_to, week_counts
from .service import acknowledge, settle
from .views import (
    Acknowledged,
    ChainList,
    ChainView,
    Notice,
    Settled,
    StepView,
    WeekCounts,
    notice_of,
    notice_of_view,
)

__all__ = [
    "Acknowledged",
    "ChainList",
    "ChainView",
    "Notice",
    "Settled",
    "StepView",
    "WeekCounts",
    "acknowledge",
    "acknowledged_between",
    "for_operators",
    "notice_of",
    "notice_of_view",
    "settle",
    "visible_to",
    "week_counts",
]
