"""The words of /feedback: its severities and categories, and the command text read.

Severities and categories accept English keys, spaces or hyphens for underscores ("delivery
delay"), and the Chinese names a bilingual team types (严重, 交期延误).

`/feedback add <customer> <text> [order N] [severity X] [category Y] [assign @u]`: customer
names have spaces ("ACME Trading"), so the customer is either quoted ("..." or “...”) or the
longest known customer name the text starts with, in any case. Options are read from the end,
so the words "order" or "category" inside the text stay text unless they end it in option
form. Only that reading needs the database (which customers there are); the rest is pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .. import customers
from ..config import Settings
from ..customers import CustomerView
from ..errors import InvalidInput, NotFound
from ..unit import Unit

QUOTES = {'"': '"', "“": "”", "「": "」", "'": "'"}
LONGEST_NAME_WORDS = 12
MAX_CATEGORY_WORDS = 3
MAX_ID = 2**31 - 1  # an INTEGER column; larger numbers cannot be ids
NO_SUGGESTIONS = "—"  # what bot.customers suggests when nothing is close

ORDER_WORDS = ("order", "po", "订单")
SEVERITY_WORDS = ("severity", "sev", "级别", "严重程度")
CATEGORY_WORDS = ("category", "类别", "分类")
ASSIGN_WORDS = ("assign", "assignee", "to", "指派", "负责人")
PAGE_WORDS = ("page", "p", "页")
UNQUOTE = '"“”'
ALL_WORDS = ORDER_WORDS + SEVERITY_WORDS + CATEGORY_WORDS + ASSIGN_WORDS

SEVERITIES = ("critical", "high", "normal", "low")
DEFAULT_SEVERITY = "normal"
URGENT_SEVERITIES = ("critical", "high")  # posted to the managers channel at once

SEVERITY_ALIASES = {
    "crit": "critical",
    "urgent": "critical",
    "严重": "critical",
    "紧急": "critical",
    "高": "high",
    "medium": "normal",
    "中": "normal",
    "普通": "normal",
    "一般": "normal",
    "低": "low",
}

CATEGORY_ALIASES = {
    "质量": "quality",
    "质量问题": "quality",
    "包装": "packaging",
    "交期延误": "delivery_delay",
    "延误": "delivery_delay",
    "交货延迟": "delivery_delay",
    "delay": "delivery_delay",
    "发错货": "wrong_goods",
    "错货": "wrong_goods",
    "单据": "documents",
    "文件": "documents",
    "付款": "payment",
    "沟通": "communication",
    "其他": "other",
}


def _fold(word: str) -> str:
    return "_".join(word.replace("-", " ").replace("_", " ").split()).casefold()


def severity(word: str) -> str:
    """The severity key for `word`, or InvalidInput listing the severities."""
    folded = _fold(word)
    key = SEVERITY_ALIASES.get(folded, folded)
    if key not in SEVERITIES:
        raise InvalidInput(
            "feedback.error.unknown_severity", severity=word, choices=severity_choices()
        )
    return key


def find_category(settings: Settings, word: str) -> str | None:
    folded = _fold(word)
    key = CATEGORY_ALIASES.get(folded, folded)
    return key if key in categories(settings) else None


def category(settings: Settings, word: str) -> str:
    """The configured category for `word`, or InvalidInput listing the categories."""
    key = find_category(settings, word)
    if key is None:
        raise InvalidInput(
            "feedback.error.unknown_category", category=word, choices=category_choices(settings)
        )
    return key


def category_choices(settings: Settings) -> str:
    """The categories as people type them: "quality, delivery delay, …"."""
    return ", ".join(key.replace("_", " ") for key in categories(settings))


def severity_choices() -> str:
    return ", ".join(SEVERITIES)


def categories(settings: Settings) -> tuple[str, ...]:
    # Folded, so a config that says "Delivery delay" still stores and matches one key.
    return tuple(dict.fromkeys(_fold(each) for each in settings.feedback.categories))


def default_category(settings: Settings) -> str:
    known = categories(settings)
    return known[-1] if known and "other" not in known else "other"


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


def find_customer(unit: Unit, name: str) -> CustomerView:
    """The customer called `name`; NotFound says how customers come in (with an order)."""
    try:
        return customers.get(unit, name)
    except NotFound as error:
        suggestions = error.params.get("suggestions", NO_SUGGESTIONS)
        close = suggestions != NO_SUGGESTIONS
        key = "feedback.error.unknown_customer" + ("_close" if close else "")
        raise NotFound(key, name=name.strip(), suggestions=suggestions) from error


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
        known = find_category(unit.settings, value)
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


def id_and_rest(args: str) -> tuple[int, str]:
    """`12 the rest of it` to (12, "the rest of it")."""
    parts = args.split(maxsplit=1)
    rest = parts[1].strip() if len(parts) > 1 else ""
    return item_id(parts[0] if parts else ""), rest


def assign_args(args: str) -> tuple[int, str]:
    """`12 @someone`: the item and who should take it (the Slack side finds the person)."""
    number, who = id_and_rest(args)
    if not who:
        raise InvalidInput("feedback.error.no_assignee", id=number)
    return number, who


def severity_args(args: str) -> tuple[int, str]:
    number, word = id_and_rest(args)
    if not word:
        raise InvalidInput("feedback.error.no_severity", id=number, choices=severity_choices())
    return number, word


@dataclass(frozen=True)
class ListAsk:
    """`/feedback list [SCOPE [VALUE]] [page N]`: which list, of what, which page."""

    scope: str
    value: str
    page: int


def list_args(args: str) -> ListAsk:
    words, number = _page_number(args.split())
    scope = words[0].lower() if words else "open"
    return ListAsk(scope, " ".join(words[1:]).strip(UNQUOTE), number)


def _page_number(words: list[str]) -> tuple[list[str], int]:
    if len(words) >= 2 and words[-2].lower() in PAGE_WORDS and words[-1].isdecimal():
        return words[:-2], int(words[-1])
    return words, 1


def customer_name(args: str) -> str:
    """`/feedback customer NAME`: the name, quoted or not."""
    name = args.strip().strip(UNQUOTE)
    if not name:
        raise InvalidInput("feedback.error.no_customer")
    return name
