"""What `/standup` understands: away ranges, report and stats arguments, and when a blockers
answer actually reports a blocker. Dates are read by bot.dates in the member's own zone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from .. import grammar
from ..dates import LAST_MINUTE, WEEKDAY_WORDS, parse_day
from ..errors import InvalidInput

MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")
UNTIL_WORDS = ("until", "till", "through", "thru", "直到", "到", "至")
RANGE_SPLIT = re.compile(r"\s+(?:to|until|till|through|thru|-)\s+|\s*(?:到|至|~|－|—)\s*")
# Answers that mean "no blocker": compared after lower-casing and dropping punctuation.
NOTHING_WORDS = {
    "", "no", "none", "nope", "nothing", "na", "n/a", "nil", "null", "no blockers",
    "no blocker", "nothing blocking", "not really", "all good", "-", "--", "/", "无", "没有",
    "暂无", "没", "无阻碍", "没有阻碍", "没有问题", "无问题", "暂时没有", "一切正常", "没有阻塞",
}  # fmt: skip
MAX_WEEKS = 52


@dataclass(frozen=True)
class AwayRequest:
    person: str | None  # a mention or @name; None: the author
    first_day: date
    last_day: date


@dataclass(frozen=True)
class ReportRequest:
    day: date
    person: str | None


@dataclass(frozen=True)
class StatsRequest:
    person: str | None
    weeks: int


def says_something(answer: str | None) -> bool:
    """A blockers answer that reports a blocker (not empty, "no", "none", "无", "没有", …)."""
    cleaned = re.sub(r"[\s.!。！,，;；:：]+", " ", (answer or "").strip().lower()).strip()
    return cleaned not in NOTHING_WORDS


def split_person(text: str) -> tuple[str | None, str]:
    """A leading mention or @name, and the rest."""
    first, _, rest = text.strip().partition(" ")
    if MENTION.match(first) or (first.startswith("@") and len(first) > 1):
        return first, rest.strip()
    return None, text.strip()


def parse_back(text: str) -> str | None:
    """`/standup back [@member]`: who is back (None: the author); extra words are named."""
    person, rest = split_person(text)
    grammar.read(rest, grammar.Grammar()).check()
    return person


def standup_name(text: str) -> str | None:
    """`/standup answer NAME`: the standup's name, quoted or not (None: the default one)."""
    return " ".join(token.text for token in grammar.tokenize(text)) or None


def parse_away(text: str, zone: ZoneInfo, now: datetime) -> AwayRequest:
    """`[@member] until DATE`, `[@member] DATE to DATE`, or `[@member] DATE` (one day)."""
    person, rest = split_person(text)
    if not rest:
        raise InvalidInput("standups.error.away_needs_dates")
    today = now.astimezone(zone).date()
    first_word, _, after = rest.partition(" ")
    if first_word.lower() in UNTIL_WORDS or rest.startswith(("直到", "到")):
        until = after if first_word.lower() in UNTIL_WORDS else rest.lstrip("直到")
        return _away(person, today, _day(until, zone, now), today)
    parts = RANGE_SPLIT.split(rest, maxsplit=1)
    first = _day(parts[0], zone, now)
    last = _day(parts[1], zone, now) if len(parts) == 2 else first
    return _away(person, first, last, today)


def _away(person: str | None, first: date, last: date, today: date) -> AwayRequest:
    if last < today:
        raise InvalidInput("standups.error.away_in_past", day=last.isoformat())
    if last < first:
        raise InvalidInput("standups.error.away_backwards", first=first, last=last)
    return AwayRequest(person, max(first, today), last)


def _day(text: str, zone: ZoneInfo, now: datetime) -> date:
    if not text.strip():
        raise InvalidInput("standups.error.away_needs_dates")
    return parse_day(text, zone, now, end_of_day=LAST_MINUTE)


def parse_report(text: str, zone: ZoneInfo, now: datetime) -> ReportRequest:
    """`[DATE] [@member]` in either order; no date means today. A bare weekday is the last
    one (a report looks back), and a day still ahead is refused."""
    words = text.split()
    person = next((word for word in words if MENTION.match(word) or word.startswith("@")), None)
    day_text = " ".join(word for word in words if word != person)
    today = now.astimezone(zone).date()
    day = parse_day(day_text, zone, now, end_of_day=LAST_MINUTE) if day_text else today
    if day > today and day - today <= timedelta(days=7) and _names_a_weekday(day_text):
        day -= timedelta(days=7)
    if day > today:
        raise InvalidInput("standups.error.report_in_future", day=day.isoformat())
    return ReportRequest(day, person)


CHINESE_WEEKDAY = re.compile(r"(周|星期|礼拜)[一二三四五六日天]")


def _names_a_weekday(text: str) -> bool:
    lowered = text.strip().lower()
    return lowered in WEEKDAY_WORDS or bool(CHINESE_WEEKDAY.fullmatch(lowered))


def parse_stats(text: str) -> StatsRequest:
    """`[@member] [weeks N]` (default 4 weeks; `N weeks` and `N周` work too)."""
    person, rest = split_person(text)
    found = re.fullmatch(r"(?:weeks?\s*(\d+)|(\d+)\s*(?:weeks?|周))?", rest.strip().lower())
    if found is None:
        raise InvalidInput("standups.error.bad_weeks", text=rest.strip())
    number = found.group(1) or found.group(2)
    weeks = int(number) if number else 4
    if not 1 <= weeks <= MAX_WEEKS:
        raise InvalidInput("standups.error.bad_weeks", text=rest.strip())
    return StatsRequest(person, weeks)
