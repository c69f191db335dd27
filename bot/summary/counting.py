"""The few SQL and arithmetic pieces every section's figures are made of."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func

from .views import Figure
from .weeks import Week


def within(column: Any, start: datetime, end: datetime) -> Any:
    return and_(column >= start, column < end)


def in_week(column: Any, week: Week) -> Any:
    return within(column, week.start, week.end)


def count_if(condition: Any) -> Any:
    """COUNT of the rows that meet `condition`, as one column of a wider aggregate query."""
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def median_seconds(pairs: Iterable[tuple[datetime, datetime]]) -> float | None:
    durations = [(later - earlier).total_seconds() for earlier, later in pairs]
    return float(statistics.median(durations)) if durations else None


def figure(values: Mapping[Any, Any], name: str) -> Figure:
    """`name` for this week and the week before, from a row keyed `this_<name>`, `last_<name>`."""
    return Figure(int(values[f"this_{name}"]), int(values[f"last_{name}"]))
