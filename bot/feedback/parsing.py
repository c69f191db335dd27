"""Reading `/feedback add <customer> <text> [order N] [severity X] [category Y] [assign @u]`.

Customer names have spaces ("ACME Trading"), so the customer is either quoted ("..." or
“...”) or the longest known customer name the text starts with, in any case. Options are
read from the end, so the words "order" or "category" inside the text stay text unless they
end it in option form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .. import customers
from ..errors import InvalidInput
from ..unit import Unit
from . import vocabulary
from .queries import find_customer

QUOTES = {'"': '"', "“": "”", "「": "」", "'": "'"}
LONGEST_NAME_WORDS = 12
MAX_CATEGORY_WORDS = 3
MAX_ID = 2**31 - 1  # an INTEGER column; larger numbers cannot be ids

ORDER_WORDS = ("order", "po", "订单")
SEVERITY_WORDS = ("severity", "sev", "级别", "严重程度")
CATEGORY_WORDS = ("category", "类别", "分类")
ASSIGN_WORDS = ("assign", "assignee", "to", "指派", "负责人")
ALL_WORDS = ORDER_WORDS + SEVERITY_WORDS + CATEGORY_WORDS + ASSIGN_WORDS


@dataclass(frozen=True)
class NewFeedback:
    """What someone asked to log, before it is checked."""

    customer: str
    text: str
    order: str | None = None
    severity: str | None = None
    category: str | None = None
    assignee_id: str | None = None


@dataclass(frozen=True)
class ParsedAdd:
    feedback: NewFeedback
    assignee: str | None = None  # the mention as typed; the Slack side resolves it


def parse_add(unit: Unit, args: str) -> ParsedAdd:
    customer, rest = split_customer(unit, args.strip())
    text, options = split_options(unit, rest)
    feedback = NewFeedback(customer=customer, text=text)
    return ParsedAdd(replace(feedback, **_fields(options)), options.get("assign"))


def split_customer(unit: Unit, args: str) -> tuple[str, str]:
    """(customer name, the rest); NotFound, with close matches, when no customer fits."""
    if not args:
        raise InvalidInput("feedback.error.no_customer")
    closing = QUOTES.get(args[0])
    if closing and closing in args[1:]:
        name, _, rest = args[1:].partition(closing)
        return find_customer(unit, name).name, rest.strip()
    return _longest_known_prefix(unit, args)


def _longest_known_prefix(unit: Unit, args: str) -> tuple[str, str]:
    words = args.split()
    for count in range(min(len(words), LONGEST_NAME_WORDS), 1, -1):
        found = customers.find(unit, " ".join(words[:count]))
        if found is not None:
            return found.name, _after_words(args, count)
    return find_customer(unit, words[0]).name, _after_words(args, 1)


def _after_words(text: str, count: int) -> str:
    """`text` without its first `count` words, keeping the rest's own line breaks."""
    match = re.match(rf"\s*(?:\S+\s+){{{count}}}", text + " ")
    return (text + " ")[match.end() :].strip() if match else ""


def split_options(unit: Unit, text: str) -> tuple[str, dict[str, str]]:
    options: dict[str, str] = {}
    while True:
        found = _trailing_option(unit, text)
        if found is None or found[0] in options:
            return text.strip(), options
        name, value, text = found
        options[name] = value


def _trailing_option(unit: Unit, text: str) -> tuple[str, str, str] | None:
    words = text.split()
    for size in range(min(MAX_CATEGORY_WORDS, len(words) - 1), 0, -1):
        keyword = words[-size - 1].casefold()
        value = " ".join(words[-size:])
        name = _option_name(unit, keyword, value, size)
        if name:
            return name, value, _before_last_words(text, size + 1)
    return None


def _option_name(unit: Unit, keyword: str, value: str, size: int) -> str | None:
    if keyword not in ALL_WORDS:
        return None
    if keyword in CATEGORY_WORDS:
        # Several words only when they name a category: "category delivery delay".
        known = vocabulary.find_category(unit.settings, value)
        return "category" if known or size == 1 else None
    if size != 1:
        return None
    if keyword in ASSIGN_WORDS:
        return "assign" if value.startswith("<@") or value.startswith("@") else None
    if keyword in ORDER_WORDS:
        # Order numbers have digits: "the last order arrived" keeps "order arrived" as text.
        return "order" if any(char.isdigit() for char in value) else None
    return "severity"


def _before_last_words(text: str, count: int) -> str:
    match = re.search(rf"(?:\s+\S+){{{count}}}\s*$", " " + text)
    return (" " + text)[: match.start()].strip() if match else ""


def _fields(options: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in options.items() if name != "assign"}


def item_id(word: str) -> int:
    """`12` or `#12` to 12; anything else is refused naming what was typed."""
    digits = word.strip().lstrip("#")
    if not digits.isdigit() or not digits.isascii() or int(digits) > MAX_ID:
        raise InvalidInput("feedback.error.bad_id", id=word or "—")
    return int(digits)
