"""Due dates as people type them, in English or Chinese, read in the author's time zone.

`parse_day` gives a calendar date, `parse_due` a UTC instant. Both take `now` (never the
wall clock) and the author's `ZoneInfo`: "tomorrow" typed at 23:30 in Shanghai is the next
day in Shanghai, whatever the date is in UTC.

What is understood (case-insensitive, words may be separated by spaces):

- Relative days: today / 今天, tomorrow (tmr, tmrw) / 明天, day after tomorrow / 后天,
  大后天, yesterday / 昨天 (so that it can be refused as past), "in 3 days", "in 2 weeks",
  3天后 / 三天后, 2周后; "in 4 hours" / 4小时后 (an instant, not a day).
- "eod" / "end of day" / 下班前: the end of the workday (today unless a day is given).
- Weekdays: mon … sun (short or long), 周五, 星期五, 礼拜五, 周日/周天/星期天.
  * A bare weekday is the next such day that is still ahead: "fri" typed on a Friday means
    today while today's due time has not passed (18:00 for a day alone), otherwise the
    Friday a week later.
  * "next fri" / 下周五 is the Friday of next calendar week (weeks start on Monday), so on a
    Monday it is 11 days away; "this fri" / 本周五 / 这周五 is this calendar week's Friday
    (refused by `parse_due` when it has passed). "next week" / 下周 is next Monday.
- Absolute dates through python-dateutil: ISO 2026-12-20 (year first always wins),
  2026/12/20, 20 Dec, Dec 20, 2026年12月20日, 12月20日/号. Other numeric dates are read day
  first (5/3 is 5 March, 11/12/2026 is 11 December) unless only month first makes sense
  (12/20). A date without a year is the one nearest to today ("jan 5" in late December is
  next January); if that one has passed, `parse_due` refuses it rather than guess a year on.
- A time of day, before or after the day: 17:00, 5pm, 5:30 pm, noon / 中午, 17点,
  下午5点, 晚上8点半, 上午十点. A time alone is the next time the clock shows it.

A day without a time means `end_of_day` (the end of the workday, 18:00 local by default).
"today" after that hour means the end of today (23:59) rather than a refusal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil import parser as dateutil_parser

from .errors import InvalidInput

END_OF_WORKDAY = time(18, 0)
LAST_MINUTE = time(23, 59)

WEEKDAY_WORDS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "weds": 2,
    "wednesday": 2, "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
}  # fmt: skip
CHINESE_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
CHINESE_DIGITS = {"零": 0, "一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                  "七": 7, "八": 8, "九": 9}  # fmt: skip
DAY_OFFSETS = {
    "today": 0, "今天": 0, "今日": 0, "tomorrow": 1, "tmr": 1, "tmrw": 1, "明天": 1, "明日": 1,
    "day after tomorrow": 2, "后天": 2, "大后天": 3, "yesterday": -1, "昨天": -1,
}  # fmt: skip
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
EOD_WORDS = ("end of day", "eod", "下班前", "下班")
PM_WORDS = {"pm", "下午", "晚上", "傍晚"}
AM_WORDS = {"am", "上午", "早上", "凌晨"}

_NUM = r"(\d{1,2}|[零一两二三四五六七八九十]{1,3})"
_WEEKDAY_EN = "|".join(sorted(WEEKDAY_WORDS, key=len, reverse=True))
_WEEKDAY_ZH = r"(?:周|星期|礼拜)([一二三四五六日天])"

TIME_PATTERNS = (
    re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})\s*(am|pm)?(?![\d:])"),
    re.compile(r"(?<![\d:])(\d{1,2})\s*(am|pm)\b"),
    re.compile(rf"(上午|早上|凌晨|中午|下午|傍晚|晚上)?\s*{_NUM}\s*[点時时](半|{_NUM}\s*分?)?"),
    re.compile(r"\b(noon)\b|(中午)(?!\s*\d)"),
)


@dataclass(frozen=True)
class Reading:
    """What the text said: a local day, maybe a time, and whether it may roll a week on."""

    day: date
    clock: time | None = None
    rolls: timedelta | None = None  # a bare weekday or time moves on by this when passed
    today_word: bool = False


def parse_day(text: str, zone: ZoneInfo, now: datetime, end_of_day: time = END_OF_WORKDAY) -> date:
    """The calendar date `text` names, in `zone` as of `now` (see the module docstring)."""
    return _settled(text, zone, now, end_of_day).astimezone(zone).date()


def parse_due(
    text: str, zone: ZoneInfo, now: datetime, end_of_day: time = END_OF_WORKDAY
) -> datetime:
    """The UTC instant `text` names; a day alone means `end_of_day` local. Refuses the past."""
    due = _settled(text, zone, now, end_of_day)
    if due <= now:
        raise InvalidInput("dates.error.past", text=text.strip())
    return due


# The calendar ends on 31 Dec 9999: west of UTC that day's evening is already past it, and a
# time shown east of UTC a day later would be too, so the last year is left to no one.
LATEST = datetime(9999, 1, 1, tzinfo=UTC)


def _settled(text: str, zone: ZoneInfo, now: datetime, eod: time) -> datetime:
    """The instant `text` names, refused (not an OverflowError) at the calendar's end."""
    try:
        instant = _settle(_read(text, zone, now), zone, now, eod)
    except OverflowError:
        raise too_far(text) from None
    if instant >= LATEST:
        raise too_far(text)
    return instant


def too_far(text: str) -> InvalidInput:
    return InvalidInput("dates.error.too_far", text=text.strip())


def _settle(reading: Reading, zone: ZoneInfo, now: datetime, eod: time) -> datetime:
    clock = reading.clock or eod
    due = datetime.combine(reading.day, clock, tzinfo=zone).astimezone(UTC)
    if due <= now and reading.rolls is not None:
        return due + reading.rolls
    if due <= now and reading.today_word and reading.clock is None:
        return datetime.combine(reading.day, LAST_MINUTE, tzinfo=zone).astimezone(UTC)
    return due


def _read(text: str, zone: ZoneInfo, now: datetime) -> Reading:
    cleaned = _normalize(text)
    in_hours = _hours_ahead(cleaned)
    if in_hours is not None:
        moment = (now + in_hours).astimezone(zone)
        return Reading(moment.date(), moment.time().replace(second=0, microsecond=0))
    rest, clock = _take_time(cleaned)
    rest, eod = _take_eod(rest)
    today = now.astimezone(zone).date()
    if not rest and (clock is not None or eod):  # "17:00" or "eod" alone: today
        return Reading(today, clock, timedelta(days=1) if clock else None, today_word=eod)
    reading = _read_day(rest, today) if rest else None
    if reading is None:
        raise _unparseable(text)
    return replace(reading, clock=clock)


def _normalize(text: str) -> str:
    cleaned = re.sub(r"\s+", " ", text.strip().lower())
    cleaned = re.sub(r"(\d)t(\d)", r"\1 \2", cleaned)  # ISO 2026-12-20T17:00
    return re.sub(r"^(due|by|on)\s+|\s+(at|@)\s+|^(at|@)\s+|[,，]", " ", cleaned).strip()


def _hours_ahead(cleaned: str) -> timedelta | None:
    found = _amount_later(cleaned, "h|hrs?|hours?|m|mins?|minutes?", "个?小时|分钟")
    if found is None:
        return None
    amount, unit = found
    return timedelta(minutes=amount) if unit.startswith(("m", "分")) else timedelta(hours=amount)


def _amount_later(text: str, english_units: str, chinese_units: str) -> tuple[int, str] | None:
    """ "in 3 days" / "3天后" / "三天后": the amount and the unit word as typed."""
    english = re.fullmatch(rf"in (\d{{1,3}}) ?({english_units})", text)
    found = english or re.fullmatch(rf"{_NUM} ?({chinese_units})[以之]?后", text)
    amount = _number(found.group(1)) if found else -1
    return (amount, found.group(2)) if found and amount >= 0 else None


def _take_time(cleaned: str) -> tuple[str, time | None]:
    """The first time of day found (patterns in order of preference) and the text without it."""
    found = next(filter(None, (pattern.search(cleaned) for pattern in TIME_PATTERNS)), None)
    clock = _clock_from(found) if found else None
    if found is None or clock is None:
        return cleaned, None
    return (cleaned[: found.start()] + " " + cleaned[found.end() :]).strip(), clock


def _clock_from(found: re.Match[str]) -> time | None:
    parts = found.groups()
    if found.re is TIME_PATTERNS[3]:
        return time(12, 0)
    if found.re is TIME_PATTERNS[2]:
        return _chinese_clock(parts[0], _number(parts[1]), parts[2], parts[3])
    hour, minute = int(parts[0]), int(parts[1]) if len(parts) == 3 else 0
    return _clock(hour, minute, parts[-1])


def _chinese_clock(
    period: str | None, hour: int, minutes: str | None, minute_number: str | None
) -> time | None:
    minute = 30 if minutes == "半" else _number(minute_number or "0")
    if period == "中午" and hour < 12:
        period = "下午" if hour < 6 else None
    return _clock(hour, minute, period)


def _clock(hour: int, minute: int, period: str | None) -> time | None:
    if period in ("am", "pm") and not 1 <= hour <= 12:
        return None  # "0pm", "17pm"
    if period in PM_WORDS and 1 <= hour < 12:
        hour += 12
    elif period in AM_WORDS and hour == 12:
        hour = 0
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return time(hour, minute)


def _take_eod(rest: str) -> tuple[str, bool]:
    for word in EOD_WORDS:
        if word in rest:
            return rest.replace(word, " ").strip(), True
    return rest, False


def _number(token: str) -> int:
    """Digits or a Chinese numeral up to 99 (三, 十二, 二十五); -1 for anything else."""
    if token.isdecimal():  # isdigit() takes "²", which int() refuses
        return int(token)
    tens, ten, ones = token.partition("十")
    if not ten:
        return CHINESE_DIGITS.get(token, -1) if len(token) == 1 else -1
    tens_value = CHINESE_DIGITS.get(tens, -1) if tens else 1
    ones_value = CHINESE_DIGITS.get(ones, -1) if ones else 0
    return -1 if min(tens_value, ones_value) < 0 or len(ones) > 1 else tens_value * 10 + ones_value


def _read_day(rest: str, today: date) -> Reading | None:
    for reader in (_relative_day, _weekday, _offset_day, _absolute_day):
        reading = reader(rest, today)
        if reading is not None:
            return reading
    return None


def _relative_day(rest: str, today: date) -> Reading | None:
    if rest in DAY_OFFSETS:
        offset = DAY_OFFSETS[rest]
        return Reading(today + timedelta(days=offset), today_word=offset == 0)
    if rest in ("next week", "下周", "下星期", "下礼拜"):
        return Reading(_monday(today) + timedelta(weeks=1))
    return None


def _weekday(rest: str, today: date) -> Reading | None:
    english = re.fullmatch(rf"(next |this )?({_WEEKDAY_EN})", rest)
    chinese = re.fullmatch(rf"(下|这|本)?{_WEEKDAY_ZH}", rest)
    if english:
        which, weekday = english.group(1), WEEKDAY_WORDS[english.group(2)]
    elif chinese:
        which, weekday = chinese.group(1), CHINESE_WEEKDAYS[chinese.group(2)]
    else:
        return None
    if which in ("next ", "下"):
        return Reading(_monday(today) + timedelta(weeks=1, days=weekday))
    if which in ("this ", "这", "本"):
        return Reading(_monday(today) + timedelta(days=weekday))
    ahead = (weekday - today.weekday()) % 7
    return Reading(today + timedelta(days=ahead), rolls=timedelta(weeks=1))


def _offset_day(rest: str, today: date) -> Reading | None:
    found = _amount_later(rest, "d|days?|w|wks?|weeks?", "天|日|周|个?星期|个?礼拜")
    if found is None:
        return None
    amount, unit = found
    weeks = unit.startswith("w") or unit[-1] in "周期拜"
    return Reading(today + (timedelta(weeks=amount) if weeks else timedelta(days=amount)))


def _absolute_day(rest: str, today: date) -> Reading | None:
    rest = re.sub(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?", r"\1-\2-\3", rest)
    rest = re.sub(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?", _day_month, rest)  # 12月20日
    if not re.search(r"\d", rest):
        return None
    first = _dateutil(rest, datetime(2000, 1, 1))  # noqa: DTZ001 - local calendar dates only
    second = _dateutil(rest, datetime(2004, 2, 2))  # noqa: DTZ001
    if first is None or second is None or (first.month, first.day) != (second.month, second.day):
        return None  # a month or a day was missing: "december", "20"
    if first.year == second.year:
        return Reading(first.date())
    return _nearest_year(first.month, first.day, today)


def _dateutil(rest: str, default: datetime) -> datetime | None:
    try:
        yearfirst = bool(re.match(r"\d{4}", rest))
        return dateutil_parser.parse(
            rest, default=default, dayfirst=not yearfirst, yearfirst=yearfirst
        )
    except (ValueError, OverflowError):
        return None


def _day_month(found: re.Match[str]) -> str:
    """12月20日 as "20 dec", which dateutil reads in any order setting; 13月 stays unreadable."""
    month, day = int(found.group(1)), found.group(2)
    return f"{day} {MONTHS[month - 1]}" if 1 <= month <= 12 else "month13"


def _nearest_year(month: int, day: int, today: date) -> Reading | None:
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue  # 29 February in a common year
    nearest = min(candidates, key=lambda day_: abs((day_ - today).days), default=None)
    return Reading(nearest) if nearest else None


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _unparseable(text: str) -> InvalidInput:
    return InvalidInput("dates.error.unparseable", text=text.strip())
