"""Which days a member works: their weekdays, minus their country's public holidays and the
team's extra days off, plus the make-up workdays some countries (China among them) move onto
weekends. Public holidays and make-up days come from the `holidays` package.

Used by everything that must not bother people on a day off: standup prompts, quiet hours
for alerts, due dates moved off holidays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from .config import WEEKDAYS
from .errors import InvalidInput

CHINESE_WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
WEEKDAY_ALIASES = {
    **{name: index for index, name in enumerate(WEEKDAYS)},
    **{name: index for index, name in enumerate(CHINESE_WEEKDAYS)},
    "周天": 6,
    "星期日": 6,
    "星期天": 6,
    **{f"星期{name[1]}": index for index, name in enumerate(CHINESE_WEEKDAYS[:6])},
}


@dataclass(frozen=True)
class WorkCalendar:
    country: str  # ISO 3166 code, "" for no public holidays
    weekdays: frozenset[int]  # 0 = Monday
    days_off: frozenset[date] = frozenset()  # the team's extra holidays

    def is_workday(self, day: date) -> bool:
        if day in self.days_off:
            return False
        public = public_holidays(self.country, day.year)
        if public is not None:
            if day in public.weekend_workdays:
                return True  # a make-up workday: worked although it is a weekend
            if day in public:
                return False
        return day.weekday() in self.weekdays


@cache
def public_holidays(country: str, year: int) -> Any:
    """The country's holidays for one year (None without a country), built once."""
    if not country:
        return None
    import holidays

    return holidays.country_holidays(country, years=year)


@cache
def supported_countries() -> frozenset[str]:
    import holidays

    return frozenset(holidays.list_supported_countries())


@cache
def team_days_off(extra_holidays: tuple[date, ...]) -> frozenset[date]:
    return frozenset(extra_holidays)


ENGLISH_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# "mon", "tues", "thurs", "friday": three letters or more of a day's name, nothing else.
ENGLISH_ALIASES = {
    name[:size]: index for index, name in enumerate(ENGLISH_NAMES) for size in range(3, 10)
}


def parse_weekdays(text: str) -> tuple[str, ...]:
    """ "sun-thu", "mon,tue,thu", "mon wed fri", "周一至周五" or "周日-周四" to weekday keys,
    in week order; a word that names no weekday refuses the whole text."""
    cleaned = text.strip().lower().replace("至", "-").replace("到", "-").replace("~", "-")
    cleaned = re.sub(r"\s*-\s*", "-", cleaned)
    chosen: set[int] = set()
    for part in filter(None, re.split(r"[,，、\s]+", cleaned)):
        chosen |= _weekday_range(part, text)
    if not chosen:
        raise InvalidInput("team.error.unknown_workdays", text=text)
    return tuple(WEEKDAYS[index] for index in sorted(chosen))


def _weekday_range(part: str, text: str) -> set[int]:
    first, _, last = part.partition("-")
    start, end = _weekday(first, text), _weekday(last or first, text)
    span = (end - start) % 7
    return {(start + offset) % 7 for offset in range(span + 1)}


def _weekday(word: str, text: str) -> int:
    index = ENGLISH_ALIASES.get(word) if word.isascii() else WEEKDAY_ALIASES.get(word)
    if index is None:
        raise InvalidInput("team.error.unknown_workdays", text=text)
    return index
