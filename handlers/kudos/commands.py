"""/kudos @member [@member …] REASON: a thank-you in the team channel, a note to each."""

from __future__ import annotations

from bot import kudos

from ..people import checked_people
from ..routing import Command, Reply, Request
from .render import given_message

command = Command("/kudos", "kudos.title", default="give", takes_text=True)


@command.sub("give", "kudos.usage.give")
def give(request: Request) -> Reply:
    asked = kudos.parse_kudos(request.args)
    thanked = checked_people(request, asked.people, asked.problems)
    given = kudos.give(request.core, request.user_id, thanked, asked.reason)
    return Reply(given_message(given, request.viewer()))
