"""`/summary [this|last] week` and `/summary DATE`: which week is meant."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from ..dates import parse_day

THIS_WEEK = {"", "this", "this week", "week", "本周", "这周", "这星期", "本星期"}
LAST_WEEK = {"last", "last week", "previous week", "上周", "上星期", "上个星期"}


def parse_week(text: str, zone: ZoneInfo, now: datetime) -> date:
    """A day in the week the text names (today for this week); InvalidInput otherwise."""
    cleaned = " ".join(text.lower().split())
    today = now.astimezone(zone).date()
    if cleaned in THIS_WEEK:
        return today
    if cleaned in LAST_WEEK:
        return today - timedelta(weeks=1)
    return parse_day(cleaned, zone, now)
