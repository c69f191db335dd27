"""/escalations: the open chains the member may see, with their level and age."""

from __future__ import annotations

from bot import escalation

from ..routing import Command, Reply, Request
from .render import chain_list

command = Command("/escalations", "escalation.title", default="list")


@command.sub("list", "escalation.usage.list")
def list_open(request: Request) -> Reply:
    found = escalation.visible_to(request.core, request.user_id)
    return Reply(chain_list(found, request.viewer()))
