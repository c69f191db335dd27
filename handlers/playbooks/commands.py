"""`/order checklist NUMBER`, and the `force` word of `/order update` (both are served by the
/order command; handlers/orders/commands.py registers them)."""

from __future__ import annotations

from bot.orders import parsing
from bot.playbooks import queries

from ..routing import Reply, Request
from .render import checklists_message


def checklist(request: Request) -> Reply:
    number = parsing.number_only(request.args)
    found = queries.checklists_of(request.core, number)
    return Reply(checklists_message(found, request.viewer()))
