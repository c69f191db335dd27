"""Kudos as plain values."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KudosGiven:
    id: int
    giver_id: str
    thanked: tuple[str, ...]  # member ids, in the order they were named
    reason: str
    channel: str  # where the thank-you is posted ("" when the team has no channel)


@dataclass(frozen=True)
class Thanked:
    """A person thanked in a span of time, and how often."""

    member_id: str
    name: str
    count: int
