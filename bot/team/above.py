"""Members and everyone above them in one read, for a tick that starts many chains at once.

The read is a recursive query up the reports-to links, built once: building it anew for
each slice of owners (and its cache key with it) cost several times running it."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from sqlalchemy import bindparam, select

from storage import db
from storage.models import Member

from ..unit import Unit


def hold_with_managers(unit: Unit, slack_ids: Iterable[str]) -> list[Member]:
    """These members and everyone above them, in one read, so that `find` and
    `management_chain` of any of them are answered by the session without asking the
    database. The session holds members weakly: keep the list while asking."""
    return [
        member
        for part in db.in_slices(sorted(set(slack_ids)))
        for member in unit.session.scalars(_with_managers(), {"ids": list(part)})
    ]


@cache
def _with_managers() -> Any:
    """The members with ids `:ids` and their managers all the way up (UNION stops a loop)."""
    links = select(Member.slack_id, Member.manager_id)
    start = links.where(Member.slack_id.in_(bindparam("ids", expanding=True)))
    up = start.cte("up", recursive=True)
    up = up.union(links.join(up, Member.slack_id == up.c.manager_id))
    return select(Member).where(Member.slack_id.in_(select(up.c.slack_id)))
