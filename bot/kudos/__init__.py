"""Kudos: a member thanks one or more others in the team channel, for a reason.

Entry point for the Slack side: `give` (a write), after reading `/kudos` text with
`parse_kudos`. For the weekly summary: `given_between(unit, start, end)` and
`thanked_between(unit, start, end, limit)`.
"""

from __future__ import annotations

from .parsing import KudosAsk, parse_kudos
from .queries import given_between, thanked_between
from .service import give
from .views import KudosGiven, Thanked

__all__ = [
    "KudosAsk",
    "KudosGiven",
    "Thanked",
    "give",
    "given_between",
    "parse_kudos",
    "thanked_between",
]
