"""Phrases a command reads with a reader of its own (a day, a week, weekdays) inside the one
grammar (bot.grammar), and the people a command names anywhere among its words.

A phrase is the longest run of its leading words the reader takes; the words after it are
named as not understood (`/standup report yesterday please`), never glued onto the phrase.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from . import grammar
from .errors import InvalidInput

T = TypeVar("T")
CANNOT_READ = ("dates.error.unparseable",)


@dataclass(frozen=True)
class Phrase(Generic[T]):
    value: T | None  # None when no leading words could be read
    text: str  # the words read
    problems: list[grammar.Issue] = field(default_factory=list)


def longest(
    text: str, reads: Callable[[str], T], cannot_read: Collection[str] = CANNOT_READ
) -> Phrase[T]:
    """The longest run of leading words `reads` takes, and the words after it named.

    An error whose key is in `cannot_read` means "these words are no such phrase", so fewer
    words are tried; any other error was a reading (a day too far ahead), and is kept. When
    no run reads, the reader's error for the whole text is the one problem."""
    words = text.split()
    for count in range(len(words), 0, -1):
        read = " ".join(words[:count])
        rest = " ".join(words[count:])
        strays: list[grammar.Issue] = [grammar.unknown_words(rest)] if rest else []
        try:
            return Phrase(reads(read), read, strays)
        except InvalidInput as error:
            if error.key not in cannot_read:
                return Phrase(None, read, [error, *strays])
    return Phrase(None, "", [_error_of(reads, text)])


def _error_of(reads: Callable[[str], object], text: str) -> InvalidInput:
    try:
        reads(text)
    except InvalidInput as error:
        return error
    return InvalidInput("common.error.bad_arguments")


def names_someone(word: str) -> bool:
    """A mention as Slack sends it (<@U1|li>) or an @name as typed."""
    return word.startswith("<@") or (word.startswith("@") and len(word) > 1)


@dataclass(frozen=True)
class People:
    named: list[str]  # as typed, in order
    rest: str  # the other words, as typed (quotes kept)

    @property
    def one(self) -> str | None:
        return self.named[0] if self.named else None

    def beyond_one(self) -> list[grammar.Issue]:
        """A command about one person names the others as not understood."""
        return [grammar.unknown_words(" ".join(self.named[1:]))] if self.named[1:] else []


def people_in(text: str) -> People:
    """The people named anywhere in `text` (a quoted mention is text), and the rest."""
    named, kept = [], []
    for token in grammar.tokenize(text):
        if not token.quoted and names_someone(token.text):
            named.append(token.text)
        else:
            kept.append(text[token.start : token.end])
    return People(named, " ".join(kept))
