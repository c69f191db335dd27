"""The weekly summary: the managers' Monday view of tasks, orders, feedback, standups and
kudos, each figure beside last week's; and the CSV exports for Excel and Power BI.

Entry point for the Slack side: `summary_of_week(core, actor, day)` (a read, managers and
admins only), after reading `/summary` text with `parse_week`. The scheduler's provider is
`due.PROVIDERS` (the weekly post, once per week). `build(unit, week)` is the building block
both use; `export.write` and `cli.add_cli` are the exports.
"""

from __future__ import annotations

from .parsing import parse_week
from .queries import build, summary_of_week
from .views import (
    FeedbackFigures,
    Figure,
    KudosFigures,
    Money,
    OrderFigures,
    Row,
    StandupFigures,
    TaskFigures,
    WeeklySummary,
    WeekRate,
)
from .weeks import Week

__all__ = [
    "FeedbackFigures",
    "Figure",
    "KudosFigures",
    "Money",
    "OrderFigures",
    "Row",
    "StandupFigures",
    "TaskFigures",
    "Week",
    "WeekRate",
    "WeeklySummary",
    "build",
    "parse_week",
    "summary_of_week",
]
