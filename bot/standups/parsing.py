"""What `/standup` understands: away ranges, report and stats arguments, and when a blockers
answer actually reports a blocker. Dates are read by bot.dates in the member's own zone.

What a subcommand asks for comes back with every problem of its words, not raised: the Slack
side adds the member it names if no one knows them, and names them all in one reply (until
then the days are stand-ins)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from .. import grammar
from ..dates import LAST_MINUTE, WEEKDAY_WORDS, parse_day
from ..errors import InvalidInput
from ..phrases import longest, people_in

# Answers that mean "no blocker": compared after lower-casing and dropping punctuation.
NOTHING_WORDS = {
    "", "no", "none", "nope", "nothing", "na", "n/a", "nil", "null", "no blockers",
    "no blocker", "nothing blocking", "not really", "all good", "-", "--", "/", "无", "没有",
    "暂无", "没", "无阻碍", "没有阻碍", "没有问题", "无问题", "暂时没有", "一切正常", "没有阻塞",
}  # fmt: skip
MAX_WEEKS = 52


Problems = list[grammar.Issue]


@dataclass(frozen=True)
class BackRequest:
    person: str | None  # a mention or @name; None: the author
    problems: Problems = field(default_factory=list)


@dataclass(frozen=True)
class AwayRequest:
    person: str | None  # a mention or @name; None: the author
    first_day: date
    last_day: date
    problems: Problems = field(default_factory=list)


@dataclass(frozen=True)
class ReportRequest:
    day: date
    person: str | None
    problems: Problems = field(default_factory=list)


@dataclass(frozen=True)
class StatsRequest:
    person: str | None
    weeks: int
    problems: Problems = field(default_factory=list)


def says_something(answer: str | None) -> bool:
    """A blockers answer that reports a blocker (not empty, "no", "none", "无", "没有", …)."""
    cleaned = re.sub(r"[\s.!。！,，;；:：]+", " ", (answer or "").strip().lower()).strip()
    return cleaned not in NOTHING_WORDS


def parse_back(text: str) -> BackRequest:
    """`/standup back [@member]`: who is back (None: the author); extra words are named."""
    people = people_in(text)
    reading = grammar.read(people.rest, grammar.Grammar())
    return BackRequest(people.one, [*people.beyond_one(), *reading.all_problems()])


def standup_name(text: str) -> str | None:
    """`/standup answer NAME`: the standup's name, quoted or not (None: the default one)."""
    return " ".join(token.text for token in grammar.tokenize(text)) or None


AWAY = grammar.Grammar(keys=grammar.keys("from", "until"), lead="day")
REPORT = grammar.Grammar(keys=grammar.keys("date"), lead="day")
STATS = grammar.Grammar(positional=("weeks",), keys=grammar.keys("weeks"))
# `12/20 - 12/31`, `12月20日~12月31日`, `12月20日到12月31日`: range marks become words.
RANGE_MARKS = re.compile(r"\s+-\s+|\s*[~～－—]\s*")
CHINESE_RANGE = re.compile(r"(直到|到|至|从)")


def parse_away(text: str, zone: ZoneInfo, now: datetime) -> AwayRequest:
    """`[@member] until DATE`, `[@member] [from] DATE to DATE`, or `[@member] DATE` (one day);
    every problem (unreadable days, words not understood, a range in the past) at once."""
    people = people_in(CHINESE_RANGE.sub(r" \1 ", RANGE_MARKS.sub(" to ", text)))
    reading = grammar.read(people.rest, AWAY)
    problems = [*people.beyond_one(), *reading.all_problems()]
    first_text, until_text = _range_words(reading, problems)
    today = now.astimezone(zone).date()
    first = _day(first_text, zone, now, problems) if first_text else today
    last = _last_day(until_text, first, zone, now, problems) if until_text else first
    if not (first_text or until_text) and not problems:
        problems.append(InvalidInput("standups.error.away_needs_dates"))
    problems += _range_problems(first, last, today)
    first, last = first or today, last or first or today
    return AwayRequest(people.one, max(first, today), last, problems)


def _range_words(reading: grammar.Reading, problems: list[grammar.Issue]) -> tuple[str, str]:
    """The first day's words (`from`, or the words before any key) and the last day's."""
    lead, start, until = reading.get("day"), reading.get("from"), reading.get("until")
    if lead and start:
        problems.append(grammar.unknown_words(lead))
    if start and not until:
        problems.append(InvalidInput("standups.error.away_needs_dates"))
    return start or lead, until


def _day(text: str, zone: ZoneInfo, now: datetime, problems: list[grammar.Issue]) -> date | None:
    found = longest(text, lambda words: parse_day(words, zone, now, end_of_day=LAST_MINUTE))
    problems += found.problems
    return found.value


def _last_day(
    text: str, first: date | None, zone: ZoneInfo, now: datetime, problems: list[grammar.Issue]
) -> date | None:
    """A bare weekday ends the range on or after its first day: `from mon until fri` is one
    working week, even on a Tuesday."""
    last = _day(text, zone, now, problems)
    if last is None or first is None or last >= first or not _names_a_weekday(text):
        return last
    weeks_short = -((last - first).days // 7)  # rounded up
    return last + timedelta(weeks=weeks_short)


def _range_problems(first: date | None, last: date | None, today: date) -> list[InvalidInput]:
    if last is not None and last < today:
        return [InvalidInput("standups.error.away_in_past", day=last.isoformat())]
    if first is not None and last is not None and last < first:
        return [InvalidInput("standups.error.away_backwards", first=first, last=last)]
    return []


def parse_report(text: str, zone: ZoneInfo, now: datetime) -> ReportRequest:
    """`[DATE] [@member]` in either order (`date DATE` too); no date means today. A bare
    weekday is the last one (a report looks back), and a day still ahead is refused."""
    people = people_in(text)
    reading = grammar.read(people.rest, REPORT)
    problems = [*people.beyond_one(), *reading.all_problems()]
    lead, named = reading.get("day"), reading.get("date")
    if lead and named:
        problems.append(grammar.unknown_words(lead))
    today = now.astimezone(zone).date()
    day = _report_day(named or lead, zone, now, problems) if named or lead else today
    if day is not None and day > today:
        problems.append(InvalidInput("standups.error.report_in_future", day=day.isoformat()))
    return ReportRequest(day or today, people.one, problems)


def _report_day(
    text: str, zone: ZoneInfo, now: datetime, problems: list[grammar.Issue]
) -> date | None:
    found = longest(text, lambda words: parse_day(words, zone, now, end_of_day=LAST_MINUTE))
    problems += found.problems
    today, day = now.astimezone(zone).date(), found.value
    if day is None or not today < day <= today + timedelta(days=7):
        return day
    return day - timedelta(days=7) if _names_a_weekday(found.text) else day


CHINESE_WEEKDAY = re.compile(r"(周|星期|礼拜)[一二三四五六日天]")


def _names_a_weekday(text: str) -> bool:
    lowered = text.strip().lower()
    return lowered in WEEKDAY_WORDS or bool(CHINESE_WEEKDAY.fullmatch(lowered))


# `8 weeks`, `8weeks` and `8周` say the same as `weeks 8`; so does `weeks8`.
WEEKS_AFTER = re.compile(r"(?<!\S)(\d+)(?:\s*weeks?|周)(?!\S)", re.IGNORECASE)
WEEKS_GLUED = re.compile(r"(?<!\S)(weeks?)(\d+)(?!\S)", re.IGNORECASE)


def parse_stats(text: str) -> StatsRequest:
    """`[@member] [weeks N]` (default 4 weeks; `N weeks`, `N周` and a bare `N` work too)."""
    people = people_in(WEEKS_GLUED.sub(r"\1 \2", WEEKS_AFTER.sub(r"weeks \1", text)))
    reading = grammar.read(people.rest, STATS)
    problems = [*people.beyond_one(), *reading.all_problems()]
    number = reading.get("weeks", "4")
    weeks = int(number) if number.isdecimal() and number.isascii() and len(number) < 4 else 0
    if not 1 <= weeks <= MAX_WEEKS and "weeks" in reading.values:
        problems.append(InvalidInput("standups.error.bad_weeks", text=number))
    return StatsRequest(people.one, weeks, problems)
