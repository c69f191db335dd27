"""The week's customer feedback: new, resolved, how fast, SLA met, open, and categories.

The medians are of the first responses (and resolutions) made in the week, from when the
item was logged. SLA met is of the week's resolutions: answered first and resolved within
their deadlines. "Open" at an instant: logged by then and not resolved by then.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select, union_all

from storage.models import FeedbackItem
from storage.models.feedback import RESOLVED

from ..feedback.queries import unresolved_items
from ..unit import Unit
from .counting import count_if, figure, in_week, median_seconds, share, within
from .views import FeedbackFigures, Figure, Row
from .weeks import Week

SEVERITIES = ("critical", "high", "normal", "low")


def figures(unit: Unit, week: Week) -> FeedbackFigures:
    counts = _counts(unit, week)
    met = Figure(share(counts["this_met"], counts["this_resolved"]),
                 share(counts["last_met"], counts["last_resolved"]))  # fmt: skip
    both = (week, week.before)
    return FeedbackFigures(
        new=figure(counts, "new"),
        resolved=figure(counts, "resolved"),
        first_response=Figure(*(_median(unit, FeedbackItem.first_responded_at, w) for w in both)),
        resolution=Figure(*(_median(unit, FeedbackItem.resolved_at, w) for w in both)),
        sla_met=met,
        open_by_severity=_open_by_severity(unit, week),
        categories=_categories(unit, week),
    )


def _counts(unit: Unit, week: Week) -> dict[str, int]:
    item = FeedbackItem
    on_time = and_(
        item.resolved_at <= item.resolution_due_at,
        item.first_responded_at <= item.first_response_due_at,
    )
    columns = []
    for name, each in (("this", week), ("last", week.before)):
        resolved = and_(item.status == RESOLVED, in_week(item.resolved_at, each))
        columns += [
            count_if(in_week(item.created_at, each)).label(f"{name}_new"),
            count_if(resolved).label(f"{name}_resolved"),
            count_if(and_(resolved, on_time)).label(f"{name}_met"),
        ]
    span = (week.before.start, week.end)
    query = select(*columns).where(
        or_(within(item.created_at, *span), within(item.resolved_at, *span))
    )
    return {key: int(value) for key, value in unit.session.execute(query).mappings().one().items()}


def _median(unit: Unit, done_at: Any, week: Week) -> float | None:
    query = select(FeedbackItem.created_at, done_at).where(in_week(done_at, week))
    return median_seconds((created, done) for created, done in unit.session.execute(query))


def _open_at(instant: datetime) -> Any:
    """Logged by `instant` and not resolved by then, as two sets that each have an index to
    read by: not resolved yet (by status), resolved only after `instant`."""
    made, later = FeedbackItem.created_at <= instant, FeedbackItem.resolved_at > instant
    # Reopened after a resolution before `instant`: resolved then, so not open then.
    not_by_then = or_(FeedbackItem.resolved_at.is_(None), later)
    return union_all(
        select(FeedbackItem.severity).where(made, unresolved_items(), not_by_then),
        select(FeedbackItem.severity).where(made, FeedbackItem.status == RESOLVED, later),
    ).subquery()


def _open_by_severity(unit: Unit, week: Week) -> tuple[Row, ...]:
    now = _severity_counts(unit, week.as_of(unit.now))
    before = _severity_counts(unit, week.before.end)
    return tuple(Row(severity, now[severity], before[severity]) for severity in SEVERITIES)


def _severity_counts(unit: Unit, instant: datetime) -> Counter[str]:
    open_then = _open_at(instant)
    query = select(open_then.c.severity, func.count()).group_by(open_then.c.severity)
    return Counter({severity: int(n) for severity, n in unit.session.execute(query)})


def _categories(unit: Unit, week: Week) -> tuple[Row, ...]:
    """This week's new feedback by category, most first (the Pareto chart's bars)."""
    this, last = _category_counts(unit, week), _category_counts(unit, week.before)
    ranked = sorted(this, key=lambda key: (-this[key], key))
    return tuple(Row(key, this[key], last[key]) for key in ranked)


def _category_counts(unit: Unit, week: Week) -> Counter[str]:
    query = (
        select(FeedbackItem.category, func.count())
        .where(in_week(FeedbackItem.created_at, week))
        .group_by(FeedbackItem.category)
    )
    return Counter({category: int(n) for category, n in unit.session.execute(query)})
