"""The week's standups: who answered what share of the days they were asked, and blockers.

Participation is answered of asked (as `/standup stats` counts it), over the local days of
the week. A blocker is "still open" while nobody has pressed I'll help on it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, select

from storage.models import Member, StandupEntry
from storage.models.standups import ANSWERED

from ..unit import Unit
from .counting import count_if, share
from .views import Figure, Row, StandupFigures
from .weeks import Week

LOWEST_SHOWN = 10

Tally = dict[str, tuple[int, int, str]]  # member id -> (asked, answered, name)


def figures(unit: Unit, week: Week) -> StandupFigures:
    now, before = _tally(unit, week), _tally(unit, week.before)
    blockers, still_open = _blockers(unit, week)
    blockers_before, open_before = _blockers(unit, week.before)
    return StandupFigures(
        participation=Figure(_rate(now), _rate(before)),
        people=_lowest(now, before),
        blockers=Figure(blockers, blockers_before),
        blockers_open=Figure(still_open, open_before),
        asked=sum(asked for asked, _, _ in now.values()),
    )


def _in_week(unit: Unit, week: Week) -> Any:
    names = [standup.name for standup in unit.settings.all_standups]
    return and_(
        StandupEntry.standup.in_(names),
        StandupEntry.day >= week.monday,
        StandupEntry.day <= week.sunday,
    )


def _tally(unit: Unit, week: Week) -> Tally:
    # Counted per person first, then named: the join is of people, not of entries.
    entries = (
        select(StandupEntry.member_id, func.count().label("asked"),
               count_if(StandupEntry.status == ANSWERED).label("answered"))
        .where(_in_week(unit, week))
        .group_by(StandupEntry.member_id)
        .subquery()
    )  # fmt: skip
    query = select(
        entries.c.member_id, entries.c.asked, entries.c.answered, Member.real_name, Member.name
    ).join(Member, Member.slack_id == entries.c.member_id)
    return {
        member_id: (int(asked), int(answered), real_name or name)
        for member_id, asked, answered, real_name, name in unit.session.execute(query)
    }


def _rate(tally: Tally) -> float | None:
    return share(sum(v[1] for v in tally.values()), sum(v[0] for v in tally.values()))


def _lowest(now: Tally, before: Tally) -> tuple[Row, ...]:
    """The people who answered least this week (their rate last week beside it)."""
    ranked = sorted(now, key=lambda who: (now[who][1] / now[who][0], now[who][2], who))
    rows = []
    for who in ranked[:LOWEST_SHOWN]:
        asked, answered, name = now[who]
        last = before.get(who)
        rows.append(Row(who, answered / asked, share(last[1], last[0]) if last else None, name))
    return tuple(rows)


def _blockers(unit: Unit, week: Week) -> tuple[int, int]:
    blocker = StandupEntry.has_blocker.is_(True)
    query = select(
        count_if(blocker), count_if(and_(blocker, StandupEntry.helper_id.is_(None)))
    ).where(_in_week(unit, week))
    raised, still_open = unit.session.execute(query).one()
    return int(raised), int(still_open)
