"""`/order checklist NUMBER`, and the `force` word of `/order update` (both are served by the
/order command; handlers/orders/commands.py registers them)."""

from __future__ import annotations

import re

from bot.orders import parsing
from bot.playbooks import queries
from bot.playbooks.parsing import split_force

from ..routing import Reply, Request
from .render import checklists_message

NOTE_WORD = re.compile(r"(?<!\S)(note|notes|备注)(?!\S)", re.IGNORECASE)


def checklist(request: Request) -> Reply:
    number, _ = parsing.number_and_rest(request.args)
    found = queries.checklists_of(request.core, number)
    return Reply(checklists_message(found, request.viewer()))


def fields_and_force(text: str) -> tuple[dict[str, str], bool]:
    """`stage shipped force` -> ({"stage": "shipped"}, True). A note takes the rest of the
    line as typed, so `force` is looked for before it."""
    found = NOTE_WORD.search(text)
    head, note = (text[: found.start()], text[found.start() :]) if found else (text, "")
    head, force = split_force(head)
    return parsing.field_values(f"{head} {note}".strip()), force
