"""`/kudos @member [@member …] REASON`: the people come first, the reason is the rest."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InvalidInput


@dataclass(frozen=True)
class KudosAsk:
    people: tuple[str, ...]  # as typed: mentions (<@U1|li>) or @names
    reason: str


def parse_kudos(text: str) -> KudosAsk:
    """Leading mentions, then the reason; InvalidInput when either is missing."""
    words = text.split()
    people: list[str] = []
    while words and _names_someone(words[0]):
        people.append(words.pop(0))
    if not people:
        raise InvalidInput("kudos.error.nobody")
    reason = " ".join(words)
    if not reason:
        raise InvalidInput("kudos.error.no_reason")
    return KudosAsk(tuple(people), reason)


def _names_someone(word: str) -> bool:
    return word.startswith(("<@", "@")) and len(word) > 1
