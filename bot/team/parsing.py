"""What `/team country` and `/team workdays` read, in the one command grammar (bot.grammar):
`[@member] CODE` and `[@member] DAYS`, the member anywhere, the value also as `country CN`
or `workdays sun-thu`; words after the value are named, never glued onto it. The problems
are returned, not raised: the Slack side adds the member if no one knows them, and names
them all in one reply."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import grammar
from ..errors import InvalidInput
from ..phrases import longest, people_in
from ..workdays import parse_weekdays, supported_countries

COUNTRY = grammar.Grammar(keys=grammar.keys("country"), lead="value")
WORKDAYS = grammar.Grammar(keys=grammar.keys("workdays"), lead="value")


@dataclass(frozen=True)
class ForSomeone:
    person: str | None  # a mention or @name as typed; None: the author
    value: str  # the country code, or the weekdays as typed
    problems: list[grammar.Issue] = field(default_factory=list)  # with the person's, if any


def country_args(text: str) -> ForSomeone:
    """`[@member] CODE`: one word, a country whose holidays are known."""
    person, value, problems = _read(text, COUNTRY)
    code, _, rest = value.partition(" ")
    if rest:
        problems.append(grammar.unknown_words(rest))
    if code and code.upper() not in supported_countries():
        problems.append(InvalidInput("team.error.unknown_country", country=code))
    return ForSomeone(person, code, problems)


def workdays_args(text: str) -> ForSomeone:
    """`[@member] DAYS`: the longest run of words that names weekdays."""
    person, value, problems = _read(text, WORKDAYS)
    days = longest(value, parse_weekdays, cannot_read=("team.error.unknown_workdays",))
    return ForSomeone(person, days.text, [*problems, *(days.problems if value else [])])


def _read(text: str, wanted: grammar.Grammar) -> tuple[str | None, str, list[grammar.Issue]]:
    """The person, the value (the words before any key, or the key's), and the problems;
    a missing value is the first of them."""
    people = people_in(text)
    reading = grammar.read(people.rest, wanted)
    problems = [*people.beyond_one(), *reading.all_problems()]
    key = wanted.keys[0].name
    lead, named = reading.get("value"), reading.get(key)
    if lead and named:
        problems.append(grammar.unknown_words(lead))
    if not (lead or named) and not problems:
        problems.append(InvalidInput("common.error.bad_arguments"))
    return people.one, named or lead, problems
