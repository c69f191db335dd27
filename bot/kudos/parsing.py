"""`/kudos @member [@member …] REASON`: the people come first, the reason is the rest, in the
one command grammar (bot.grammar): a reason in quotes is taken as written, without them."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import grammar
from ..errors import InvalidInput
from ..phrases import names_someone


@dataclass(frozen=True)
class KudosAsk:
    people: tuple[str, ...]  # as typed: mentions (<@U1|li>) or @names
    reason: str
    problems: list[grammar.Issue] = field(default_factory=list)  # reported with the people's


def parse_kudos(text: str) -> KudosAsk:
    """Leading mentions, then the reason; both missing are named at once (not raised here:
    the people no one knows are added to them by the Slack side)."""
    tokens = grammar.tokenize(text)
    people: list[str] = []
    for token in tokens:
        if token.quoted or not names_someone(token.text):
            break
        people.append(token.text)
    rest = tokens[len(people) :]
    reason = rest[0].text if len(rest) == 1 and rest[0].quoted else _as_typed(text, rest)
    problems: list[grammar.Issue] = []
    if not people:
        problems.append(InvalidInput("kudos.error.nobody"))
    if not reason.strip():
        problems.append(InvalidInput("kudos.error.no_reason"))
    return KudosAsk(tuple(people), " ".join(reason.split()), problems)


def _as_typed(text: str, rest: list[grammar.Token]) -> str:
    return text[rest[0].start : rest[-1].end] if rest else ""
