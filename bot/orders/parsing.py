"""The `/order` vocabulary: `1042 customer ACME Trading eta next fri note ...`, in the one
command grammar (bot.grammar).

The number comes first; then fields as `key value` pairs. A name, date or stage runs to the
next field word (quote a value that holds one: "Paid Logistics Ltd"); an amount, currency,
Incoterm, B/L or owner is one word, so `amount 12k colour red` reads `colour red` as a field
of its own, which the field check names. `note` takes the rest of the line as it was typed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .. import grammar
from ..grammar import Grammar, Key, Problem
from . import fields
from .views import ListQuery

LATE_WORDS = ("late", "overdue", "超期", "逾期")
FIELD_KEYS = grammar.keys(
    "customer", "owner", "stage", "incoterm", "amount", "currency", "country", "supplier",
    "port_of_loading", "port_of_discharge", "etd", "eta", "vessel", "containers", "bl_number",
    "balance_due", "paid_on", "note",
)  # fmt: skip
# The number comes first and an order keeps it: `number` among the fields is refused.
NUMBER_AGAIN = Key("number_again", ("number", "订单号"), one_word=True)
FIELDS_GRAMMAR = Grammar(
    positional=("number",), keys=(*FIELD_KEYS, NUMBER_AGAIN), rest_of_line="note"
)
# `/order update 1042 stage shipped force`: past the stage's open required checklist steps.
UPDATE_GRAMMAR = Grammar(
    positional=("number",),
    keys=(*FIELD_KEYS, NUMBER_AGAIN),
    rest_of_line="note",
    flags=dict.fromkeys(("force", "--force", "强制"), "force"),
)
NUMBER_ONLY = Grammar(positional=("number",))
LIST_GRAMMAR = Grammar(
    keys=grammar.keys("stage", "customer"), flags=dict.fromkeys(LATE_WORDS, "late")
)


def number_only(args: str) -> str:
    """`/order status 1042`: the number and nothing else (extra words are named)."""
    reading = grammar.read(args, NUMBER_ONLY)
    grammar.raise_all(_number_required(reading) + reading.all_problems())
    return reading.values["number"]


@dataclass(frozen=True)
class OrderAsk:
    """`/order new` and `/order update` as typed: the number, the fields by name, what was
    wrong with the words (reported with the field check's problems, in one reply), force."""

    number: str
    values: dict[str, str]
    problems: list[fields.Problem]
    force: bool = False


def new_order_ask(args: str) -> OrderAsk:
    """`1042 customer ACME eta fri` -> "1042", {"customer": "ACME", "eta": "fri"}.

    Words that name no field stay in the mapping under their own name, so the field check
    reports them beside every other problem ("`colour` is not an order field")."""
    return _ask(grammar.read(args, FIELDS_GRAMMAR))


def update_ask(args: str) -> OrderAsk:
    """`/order update`: the fields, and whether the mover said `force`."""
    reading = grammar.read(args, UPDATE_GRAMMAR)
    return replace(_ask(reading), force="force" in reading.flags)


def _ask(reading: grammar.Reading) -> OrderAsk:
    problems = [fields.Problem(_about(each), each.key, each.params) for each in reading.problems]
    if "number_again" in reading.values:
        problems.append(fields.Problem("number", "orders.error.number_fixed"))
    values = {FIELD_OF.get(name, name): value for name, value in reading.values.items()}
    values.pop("number_again", None)
    number = values.pop("number", "")
    for word, after in reading.unknown:
        # A quoted field name is no key: kept apart, so it is reported, never applied.
        values[f'"{word}"' if fields.canonical(word) or word in values else word] = after
    return OrderAsk(number, values, problems)


def _about(problem: Problem) -> str:
    return str(problem.params.get("word", ""))


FIELD_OF = {"note": "notes"}


def _number_required(reading: grammar.Reading) -> list[Problem]:
    return [] if "number" in reading.values else [Problem("orders.error.number_required")]


def list_query(text: str) -> ListQuery:
    """`stage production customer ACME late` -> stage "production", customer "ACME", late."""
    reading = grammar.read(text, LIST_GRAMMAR).check()
    values = reading.values
    return ListQuery(values.get("stage"), values.get("customer"), "late" in reading.flags)
