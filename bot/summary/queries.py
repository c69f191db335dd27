"""The weekly summary, built from the database for one week (a read)."""

from __future__ import annotations

from datetime import date

from storage import db

from .. import escalation, kudos, team
from ..core import Core
from ..errors import InvalidInput, PermissionDenied
from ..unit import Unit
from . import feedback, orders, standups, tasks
from .counting import median_seconds
from .views import EscalationFigures, Figure, KudosFigures, Row, WeeklySummary
from .weeks import Week

THANKED_SHOWN = 10


def summary_of_week(core: Core, actor_id: str, day: date) -> WeeklySummary:
    """The summary of the week (Monday to Sunday, team zone) holding `day`, for managers
    and admins; a week that has not begun yet is refused."""
    with core.read() as unit:
        if not team.has_role(unit, actor_id, "manager"):
            raise PermissionDenied("summary.error.managers_only")
        week = Week.holding(day, unit.settings.team.timezone)
        if week.start > unit.now:
            raise InvalidInput("summary.error.future", day=day.isoformat())
        return build(unit, week)


def build(unit: Unit, week: Week) -> WeeklySummary:
    with db.mapped(unit.session):  # it reads a good part of every table
        return _build(unit, week)


def _build(unit: Unit, week: Week) -> WeeklySummary:
    return WeeklySummary(
        team=unit.settings.team.name,
        monday=week.monday,
        sunday=week.sunday,
        timezone=week.timezone,
        as_of=week.as_of(unit.now),
        tasks=tasks.figures(unit, week),
        orders=orders.figures(unit, week),
        feedback=feedback.figures(unit, week),
        standups=standups.figures(unit, week),
        kudos=_kudos(unit, week),
        escalations=_escalations(unit, week),
    )


def _escalations(unit: Unit, week: Week) -> EscalationFigures:
    now, before = (
        escalation.week_counts(unit, each.start, each.end) for each in (week, week.before)
    )
    to_acknowledge = (
        median_seconds(escalation.acknowledged_between(unit, each.start, each.end))
        for each in (week, week.before)
    )
    return EscalationFigures(
        opened=Figure(now.opened, before.opened),
        acknowledged=Figure(now.acknowledged, before.acknowledged),
        ended=Figure(now.ended, before.ended),
        to_acknowledge=Figure(*to_acknowledge),
    )


def _kudos(unit: Unit, week: Week) -> KudosFigures:
    given = [kudos.given_between(unit, each.start, each.end) for each in (week, week.before)]
    thanked = kudos.thanked_between(unit, week.start, week.end, THANKED_SHOWN)
    return KudosFigures(
        given=Figure(*given),
        thanked=tuple(Row(each.member_id, each.count, name=each.name) for each in thanked),
    )
