"""`/summary [this|last] week` and `/summary DATE` (`date DATE`): which week is meant, in
the one command grammar; words after the week are named, never read as part of it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from .. import grammar
from ..dates import parse_day
from ..phrases import longest

THIS_WEEK = {"", "this", "this week", "week", "本周", "这周", "这星期", "本星期"}
LAST_WEEK = {"last", "last week", "previous week", "上周", "上星期", "上个星期"}
WEEK = grammar.Grammar(keys=grammar.keys("date"), lead="week")


def parse_week(text: str, zone: ZoneInfo, now: datetime) -> date:
    """A day in the week the text names (today for this week); Problems otherwise."""
    reading = grammar.read(text, WEEK)
    problems = reading.all_problems()
    lead, named = reading.get("week"), reading.get("date")
    if lead and named:
        problems.append(grammar.unknown_words(lead))
    if not (named or lead):
        grammar.raise_all(problems)
        return now.astimezone(zone).date()
    found = longest(named or lead, lambda words: _week_day(words, zone, now))
    grammar.raise_all([*problems, *found.problems])
    assert found.value is not None
    return found.value


def _week_day(text: str, zone: ZoneInfo, now: datetime) -> date:
    cleaned = " ".join(text.lower().split())
    today = now.astimezone(zone).date()
    if cleaned in THIS_WEEK:
        return today
    if cleaned in LAST_WEEK:
        return today - timedelta(weeks=1)
    return parse_day(cleaned, zone, now)
