"""Kudos read back: how many were given in a span of time, and who was thanked."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from storage.models import Kudos, KudosThanked, Member

from ..unit import Unit
from .views import Thanked


def given_between(unit: Unit, start: datetime, end: datetime) -> int:
    query = select(func.count()).where(Kudos.created_at >= start, Kudos.created_at < end)
    return int(unit.session.scalar(query) or 0)


def thanked_between(unit: Unit, start: datetime, end: datetime, limit: int) -> list[Thanked]:
    """The people thanked most between `start` and `end` (then by name)."""
    count = func.count().label("times")
    query = (
        select(KudosThanked.member_id, Member.real_name, Member.name, count)
        .join(Member, Member.slack_id == KudosThanked.member_id)
        .where(KudosThanked.created_at >= start, KudosThanked.created_at < end)
        .group_by(KudosThanked.member_id, Member.real_name, Member.name)
        .order_by(count.desc(), Member.name)
        .limit(limit)
    )
    return [
        Thanked(member_id, real_name or name, int(times))
        for member_id, real_name, name, times in unit.session.execute(query)
    ]
