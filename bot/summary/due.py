"""The weekly post: on `[summary] day` at `time` (team zone) the managers channel gets the
summary of the week just ended, once.

Level-triggered like every provider: each tick works out which weeks are due and queues
each under the key "summary.weekly:<monday>", so a second tick, a second scheduler process
or a restart queues nothing twice. A week whose post time passed while the bot was down is
posted when it comes back, late; so is every later one missed (up to CATCH_UP weeks). A bot
that never posted starts with the first post time after it met its team (the first member
it stored), not with the team's whole past.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from storage.models import Member, OutboxMessage

from .. import outbox
from ..unit import Unit
from .queries import build
from .weeks import Week, latest_due, posted_at

KIND = "summary.weekly"
KEY_PREFIX = f"{KIND}:"
CATCH_UP = 4


def week_key(week: Week) -> str:
    return f"{KEY_PREFIX}{week.monday.isoformat()}"


def queue_weekly(unit: Unit) -> int:
    """Queue the summary of every week due and not yet posted; how many were queued."""
    settings = unit.settings
    channel = settings.channels.managers
    if not settings.summary.enabled or not channel:
        return 0
    queued = 0
    for week in weeks_due(unit):
        if not outbox.exists(unit, week_key(week)):
            payload = build(unit, week).as_payload()
            queued += outbox.enqueue(unit, week_key(week), KIND, channel, payload)
    return queued


def weeks_due(unit: Unit) -> list[Week]:
    """The weeks after the last one posted, up to the newest due, oldest first; before the
    first post, those whose post time came after the bot met its team."""
    config = unit.settings.summary
    newest = latest_due(unit.now, unit.settings.team.timezone, config)
    weeks = [newest.shifted(-back) for back in range(CATCH_UP - 1, -1, -1)]
    last = _last_posted(unit)
    if last is not None:
        return [week for week in weeks if week.monday > last]
    met = unit.session.scalar(select(func.min(Member.created_at)))
    return [week for week in weeks if met is not None and posted_at(week, config) >= met]


def _last_posted(unit: Unit) -> date | None:
    """The Monday of the newest week ever queued (its key sorts last: ISO dates)."""
    query = (
        select(OutboxMessage.dedup_key)
        .where(
            OutboxMessage.kind == KIND,
            OutboxMessage.dedup_key.startswith(KEY_PREFIX, autoescape=True),
        )
        .order_by(OutboxMessage.kind, OutboxMessage.dedup_key.desc())
        .limit(1)
    )
    key = unit.session.scalar(query)
    return date.fromisoformat(key.removeprefix(KEY_PREFIX)) if key else None


PROVIDERS = (queue_weekly,)
