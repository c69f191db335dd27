"""The `/order` vocabulary: `1042 customer ACME Trading eta next fri note ...`.

A field word starts a value that runs to the next field word; quote a value that holds a
field word ("Paid Logistics Ltd"). `note` takes the rest of the line as it was typed.
"""

from __future__ import annotations

import re

from ..errors import InvalidInput
from .fields import canonical
from .views import ListQuery

TOKEN = re.compile(r'"([^"]*)"|“([^”]*)”|(\S+)')
REST_OF_LINE = "notes"
LIST_WORDS = {"stage": "stage", "阶段": "stage", "customer": "customer", "客户": "customer"}
LATE_WORDS = ("late", "overdue", "超期", "逾期")


def _tokens(text: str) -> list[tuple[str, bool, int]]:
    """(word, quoted, end offset) for each word or quoted phrase."""
    found = []
    for match in TOKEN.finditer(text):
        quoted = match.group(3) is None
        word = match.group(3) if not quoted else (match.group(1) or match.group(2) or "")
        found.append((word, quoted, match.end()))
    return found


def number_and_rest(args: str) -> tuple[str, str]:
    """The order number (first word) and what follows it."""
    tokens = _tokens(args)
    if not tokens:
        raise InvalidInput("orders.error.number_required")
    word, _, end = tokens[0]
    return word, args[end:].strip()


def field_values(text: str) -> dict[str, str]:
    """`customer ACME Trading eta fri` -> {"customer": "ACME Trading", "eta": "fri"}."""
    values: dict[str, list[str]] = {}
    current: str | None = None
    for word, quoted, end in _tokens(text):
        name = None if quoted else canonical(word)
        if name == REST_OF_LINE:
            _require_value(current, values)
            values[REST_OF_LINE] = [text[end:].strip()]
            current = None
            break
        if name == "number":  # the number comes first; an order keeps the one it has
            raise InvalidInput("orders.error.number_fixed")
        if name is not None:
            _require_value(current, values)
            current = name
            # Containers add up (`container A container B`); any other field: the last wins.
            values[name] = values.get(name, []) if name == "containers" else []
        elif current is None:
            raise InvalidInput("orders.error.unknown_field", field=word)
        else:
            values[current].append(word)
    _require_value(current, values)
    return {name: " ".join(words) for name, words in values.items()}


def _require_value(current: str | None, values: dict[str, list[str]]) -> None:
    if current is not None and not values[current]:
        raise InvalidInput("orders.error.missing_value", field=current)
    if REST_OF_LINE in values and not values[REST_OF_LINE][0]:
        raise InvalidInput("orders.error.missing_value", field="note")


def list_query(text: str) -> ListQuery:
    """`stage production customer ACME late` -> stage "production", customer "ACME", late."""
    filters: dict[str, list[str]] = {}
    current: str | None = None
    late = False
    for word, quoted, _ in _tokens(text):
        if not quoted and word.casefold() in LATE_WORDS:
            late, current = True, None
        elif not quoted and word.casefold() in LIST_WORDS:
            current = LIST_WORDS[word.casefold()]
            filters[current] = []
        elif current is None:
            raise InvalidInput("orders.error.unknown_field", field=word)
        else:
            filters[current].append(word)
    for name, words in filters.items():
        if not words:
            raise InvalidInput("orders.error.missing_value", field=name)
    joined = {name: " ".join(words) for name, words in filters.items()}
    return ListQuery(joined.get("stage"), joined.get("customer"), late)
