"""/summary [this|last] week and /summary DATE: the weekly summary, on demand (ephemeral)."""

from __future__ import annotations

from bot import summary

from ..routing import Command, Reply, Request
from .render import summary_message

command = Command("/summary", "summary.title", default="show", takes_text=True)


@command.sub("show", "summary.usage.show")
def show(request: Request) -> Reply:
    viewer = request.viewer()
    day = summary.parse_week(request.args, viewer.zone, viewer.now)
    found = summary.summary_of_week(request.core, request.user_id, day)
    return Reply(summary_message(found, viewer))
