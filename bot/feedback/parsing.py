"""The words of /feedback: its severities and categories, and the command text read.

Severities and categories accept English keys, spaces or hyphens for underscores ("delivery
delay"), and the Chinese names a bilingual team types (严重, 交期延误).

`/feedback add [customer] <customer> <text> [order N] [severity X] [category Y] [owner @u]`,
in the one command grammar (bot.grammar): customer names have spaces ("ACME Trading"), so the
customer is either quoted ("…", “…” or 「…」) or the longest known customer name the text
starts with, in any case; `customer`/`客户` may name the slot. Pairs go before or after the
text, so the words "order" or "category" inside it stay text. Every problem found (customer,
severity, category, missing text) is reported at once, with the assignee if no one knows
them: `parse_add` and `assign_args` return their problems, the Slack side adds the person's
and raises them all. Only that reading needs the database (which customers there are); the
rest is pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from .. import customers, grammar
from ..config import Settings
from ..customers import CustomerView
from ..errors import DomainError, InvalidInput, NotFound
from ..unit import Unit

QUOTES = {'"': '"', "“": "”", "「": "」", "'": "'"}
LONGEST_NAME_WORDS = 12
MAX_CATEGORY_WORDS = 3
MAX_ID = 2**31 - 1  # an INTEGER column; larger numbers cannot be ids
NO_SUGGESTIONS = "—"  # what bot.customers suggests when nothing is close


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
    problems: list[grammar.Issue] = field(default_factory=list)  # with the assignee's, if any


@dataclass(frozen=True)
class AssignAsk:
    item_id: int  # 0 when the id typed is none (a problem says so)
    assignee: str  # the mention as typed; the Slack side resolves it
    problems: list[grammar.Issue] = field(default_factory=list)  # with the assignee's, if any


ADD_KEYS = grammar.keys("order", "severity", "category", "owner")
CUSTOMER_WORDS = grammar.KEYS_BY_NAME["customer"].words


def parse_add(unit: Unit, args: str) -> ParsedAdd:
    """`[pairs] [customer] CUSTOMER TEXT [pairs]`, every problem found named at once."""
    fits = _fits(unit)
    leading = grammar.split_text(args.strip(), ADD_KEYS, fits, longest=MAX_CATEGORY_WORDS)
    problems: list[grammar.Issue] = []
    customer, rest = "", ""
    try:
        customer, rest = split_customer(unit, _without_customer_word(leading.text))
    except DomainError as error:
        problems.append(error)
    after = grammar.split_text(rest, ADD_KEYS, fits, trailing=False)
    options = {**leading.before, **after.before, **after.after, **leading.after}
    problems += _option_problems(unit, options)
    if customer and not after.text:
        problems.append(InvalidInput("feedback.error.empty_text"))
    feedback = NewFeedback(customer=customer, text=after.text)
    return ParsedAdd(replace(feedback, **_fields(options)), options.get("owner"), problems)


def _without_customer_word(text: str) -> str:
    """`customer "Hamburg Imports" …` and `客户 ACME …`: the key word names the slot."""
    tokens = grammar.tokenize(text)
    if len(tokens) > 1 and not tokens[0].quoted and tokens[0].text.casefold() in CUSTOMER_WORDS:
        return text[tokens[0].end :].strip()
    return text


def _fits(unit: Unit) -> grammar.Fits:
    def fits(key: grammar.Key, words: list[str]) -> bool:
        value = " ".join(words)
        if key.name == "category":
            # Several words only when they name a category: "category delivery delay".
            return len(words) == 1 or find_category(unit.settings, value) is not None
        if key.name == "owner":
            return value.startswith(("<@", "@")) and len(value) > 1
        if key.name == "order":
            # Order numbers have digits: "the last order arrived" keeps "order arrived" as text.
            return any(char.isdigit() for char in value)
        return True

    return fits


def _option_problems(unit: Unit, options: dict[str, str]) -> list[DomainError]:
    return _option_problems_of(options, _category_of(unit))


def _option_problems_of(
    options: dict[str, str], category_of: Callable[[str], str] | None = None
) -> list[DomainError]:
    problems: list[DomainError] = []
    checks = [("severity", severity)] + ([("category", category_of)] if category_of else [])
    for name, check in checks:
        if name in options:
            try:
                check(options[name])
            except DomainError as error:
                problems.append(error)
    return problems


def _category_of(unit: Unit) -> Callable[[str], str]:
    return lambda word: category(unit.settings, word)


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


def _fields(options: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in options.items() if name != "owner"}


def item_id(word: str) -> int:
    """`12` or `#12` to 12; anything else is refused naming what was typed."""
    digits = word.strip().lstrip("#")
    if not digits.isdigit() or not digits.isascii() or int(digits) > MAX_ID:
        raise InvalidInput("feedback.error.bad_id", id=word or "—")
    return int(digits)


def id_only(args: str) -> int:
    """`/feedback show 12`: the number and nothing else (extra words are named)."""
    reading = grammar.read(args, ID_ONLY)
    grammar.raise_all([*_id_problems(reading), *reading.all_problems()])
    return item_id(reading.get("id"))


def _id_problems(reading: grammar.Reading) -> list[DomainError]:
    try:
        item_id(reading.get("id"))
    except InvalidInput as error:
        return [error]
    return []


ID_ONLY = grammar.Grammar(positional=("id",))
ASSIGN = grammar.Grammar(positional=("id", "owner"), keys=grammar.keys("owner"))
SEVERITY = grammar.Grammar(positional=("id", "severity"), keys=grammar.keys("severity"))
LIST = grammar.Grammar(positional=("scope",), keys=grammar.keys("customer", "order", "page"))


def id_and_rest(args: str) -> tuple[int, str]:
    """`12 the rest of it` to (12, "the rest of it")."""
    parts = args.split(maxsplit=1)
    rest = parts[1].strip() if len(parts) > 1 else ""
    return item_id(parts[0] if parts else ""), rest


def assign_args(args: str) -> AssignAsk:
    """`12 @someone` or `12 owner @someone`: the item and who should take it (the Slack
    side finds the person)."""
    reading = grammar.read(args, ASSIGN)
    wrong_id = _id_problems(reading)
    problems: list[grammar.Issue] = [*wrong_id, *reading.all_problems()]
    if not problems and not reading.get("owner"):
        problems.append(InvalidInput("feedback.error.no_assignee", id=reading.get("id")))
    number = 0 if wrong_id else item_id(reading.get("id"))
    return AssignAsk(number, reading.get("owner"), problems)


def severity_args(args: str) -> tuple[int, str]:
    """`12 high` or `12 severity high`."""
    reading = grammar.read(args, SEVERITY)
    problems: list[grammar.Issue] = [*_id_problems(reading), *reading.all_problems()]
    word = reading.get("severity")
    if not problems and not word:
        number = reading.get("id")
        problems.append(
            InvalidInput("feedback.error.no_severity", id=number, choices=severity_choices())
        )
    elif word:
        problems += _option_problems_of({"severity": word})
    grammar.raise_all(problems)
    return item_id(reading.get("id")), word


@dataclass(frozen=True)
class ListAsk:
    """`/feedback list [SCOPE [VALUE]] [page N]`: which list, of what, which page."""

    scope: str
    value: str
    page: int


def list_args(args: str) -> ListAsk:
    """`open`, `mine`, `all`, `customer NAME`, `order NUMBER`, each with `page N`."""
    reading = grammar.read(args, LIST)
    problems = reading.all_problems()
    page = reading.get("page", "1")
    if not page.isdecimal() or not page.isascii():
        problems.append(grammar.unknown_words(f"page {page}"))
    grammar.raise_all(problems)
    for scope in ("customer", "order"):
        if scope in reading.values:
            return ListAsk(scope, reading.values[scope], int(page))
    return ListAsk(reading.get("scope", "open").lower(), "", int(page))


def customer_name(args: str) -> str:
    """`/feedback customer NAME`: the name, quoted or not."""
    tokens = grammar.tokenize(args)
    name = tokens[0].text if len(tokens) == 1 else args.strip()
    if not name.strip():
        raise InvalidInput("feedback.error.no_customer")
    return name
