"""One grammar for every slash command: words, quoted phrases and `key value` pairs.

Every command reads its text the same way:
- words are split on spaces; a phrase in quotes ("Hamburg Imports", “…”, 「…」) is one word,
  and a quoted word is never a key;
- positional words come in their natural order (`/order status 1042`, `/task assign 12 @li`);
- `key value` pairs are accepted everywhere, with one table of key names and their Chinese
  aliases (KEYS), so `customer`/`客户`, `due`/`截止`, `amount`/`金额` mean the same in every
  command. A key takes one word, or (for names, dates and stages) the words up to the next key;
- where a command takes free text (a feedback text, a task title, a comment), pairs go before
  or after it, and a key word inside the text stays text;
- every problem is collected (`Reading.problems`) and reported at once (`Problems`): words
  nobody asked for are named, never glued onto the previous value or dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import DomainError, InvalidInput

# A quoted phrase in straight, curly or corner quotes, or a run of non-spaces. An unclosed
# quote is an ordinary character of its word.
TOKEN = re.compile(r'"([^"]*)"|“([^”]*)”|「([^」]*)」|(\S+)')
NUMBER = re.compile(r"#?\d{1,9}")  # ASCII only: "²" and "١٢" are not numbers here


@dataclass(frozen=True)
class Token:
    text: str
    quoted: bool
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    found = []
    for match in TOKEN.finditer(text):
        quoted = match.group(4) is None
        word = next((group for group in match.groups() if group is not None), "")
        found.append(Token(word, quoted, match.start(), match.end()))
    return found


def is_number(word: str) -> bool:
    """`12` or `#12`: what a bare number after a command means (`/task 12`)."""
    return bool(NUMBER.fullmatch(word.strip())) and word.strip().isascii()


@dataclass(frozen=True)
class Key:
    name: str
    words: tuple[str, ...]  # the English name first, then aliases (Chinese among them)
    one_word: bool = False  # False: the words up to the next key (names, dates, stages)
    adds_up: bool = False  # given twice, the values add up (`container A container B`)


# The one table of key names. A command accepts the keys it names; a word means the same key
# in every command that accepts it.
KEYS = (
    Key("customer", ("customer", "客户")),
    Key("order", ("order", "po", "订单"), one_word=True),
    Key("owner", ("owner", "assignee", "assign", "负责人", "指派", "业务员"), one_word=True),
    Key("due", ("due", "截止", "到期")),
    Key("priority", ("priority", "优先级"), one_word=True),
    Key("severity", ("severity", "sev", "级别", "严重程度"), one_word=True),
    Key("category", ("category", "类别", "分类")),
    Key("stage", ("stage", "阶段")),
    Key("amount", ("amount", "金额"), one_word=True),
    Key("currency", ("currency", "币种"), one_word=True),
    Key("incoterm", ("incoterm", "贸易术语"), one_word=True),
    Key("country", ("country", "国家")),
    Key("supplier", ("factory", "supplier", "工厂", "供应商")),
    Key("port_of_loading", ("pol", "port_of_loading", "起运港")),
    Key("port_of_discharge", ("pod", "port_of_discharge", "目的港")),
    Key("etd", ("etd", "预计开船")),
    Key("eta", ("eta", "预计到港")),
    Key("vessel", ("vessel", "船名")),
    Key("containers", ("container", "containers", "柜号"), adds_up=True),
    Key("bl_number", ("bl", "b/l", "bl_number", "提单号"), one_word=True),
    Key("balance_due", ("balance", "balance_due", "尾款到期")),
    Key("paid_on", ("paid", "paid_on", "付款日")),
    Key("note", ("note", "notes", "备注")),
    Key("page", ("page", "p", "页"), one_word=True),
    Key("weeks", ("weeks", "week", "周数"), one_word=True),
    Key("role", ("role", "角色"), one_word=True),
    Key("manager", ("manager", "经理"), one_word=True),
    Key("date", ("date", "日期")),
    Key("from", ("from", "since", "从")),
    Key("until", ("until", "till", "through", "thru", "to", "直到", "到", "至")),
    Key("workdays", ("workdays", "days", "工作日")),
)
KEYS_BY_NAME = {key.name: key for key in KEYS}


def keys(*names: str) -> tuple[Key, ...]:
    return tuple(KEYS_BY_NAME[name] for name in names)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with what was typed: a translation key and its params."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)


class Problems(InvalidInput):
    """Every problem found in one command, reported together."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].key)
        self.params = dict(problems[0].params)
        self.problems = problems


Issue = Problem | DomainError  # what a reader collects: its own problems, a domain's errors


def raise_all(problems: Iterable[Issue]) -> None:
    """Raise Problems naming each, if there are any; a lone domain error as it is."""
    found = list(problems)
    if len(found) == 1 and isinstance(found[0], DomainError):
        raise found[0]
    if found:
        raise Problems([Problem(each.key, each.params) for each in found])


def unknown_words(words: str) -> Problem:
    return Problem("grammar.error.unknown_words", {"words": words})


@dataclass(frozen=True)
class Grammar:
    """What one subcommand takes: positional slots in order, keys, standalone flag words,
    the key (if any) whose value is the rest of the line as typed (a note), and the name (if
    any) of the words before the first key, when they are one phrase (`/standup away next
    fri`, a day of several words)."""

    positional: tuple[str, ...] = ()
    keys: tuple[Key, ...] = ()
    flags: Mapping[str, str] = field(default_factory=dict)  # word -> flag
    rest_of_line: str | None = None
    lead: str | None = None

    def key_of(self, token: Token) -> Key | None:
        if token.quoted:
            return None
        word = token.text.casefold()
        return next((key for key in self.keys if word in key.words), None)

    def flag_of(self, token: Token) -> str | None:
        return None if token.quoted else self.flags.get(token.text.casefold())


@dataclass
class Reading:
    """What a text said under a grammar: slot and key values, flags, and every problem."""

    values: dict[str, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    unknown: list[tuple[str, str]] = field(default_factory=list)  # (word, the words after)
    problems: list[Problem] = field(default_factory=list)

    def get(self, name: str, default: str = "") -> str:
        return self.values.get(name, default)

    def all_problems(self) -> list[Problem]:
        strays = [unknown_words(" ".join(filter(None, pair))) for pair in self.unknown]
        return [*self.problems, *strays]

    def check(self) -> Reading:
        """This reading, or Problems naming everything wrong with it."""
        raise_all(self.all_problems())
        return self


def read(text: str, grammar: Grammar) -> Reading:
    """Read `text` as positional words, `key value` pairs and flags; nothing is dropped."""
    return _Reader(text, grammar).run()


class _Reader:
    """One pass over the words; `collecting` is the many-word key being read, if any."""

    def __init__(self, text: str, grammar: Grammar) -> None:
        self.text, self.grammar, self.tokens = text, grammar, tokenize(text)
        self.reading = Reading()
        self.open_slots = list(grammar.positional)
        self.collecting: tuple[str, Key, int] | None = None  # (as typed, key, words read)
        self.index = 0
        if grammar.lead:
            self.collecting = ("", Key(grammar.lead, ()), 0)
            self.reading.values[grammar.lead] = ""

    def run(self) -> Reading:
        while self.index < len(self.tokens):
            if self.step(self.tokens[self.index]) == "done":
                break
            self.index += 1
        self.finish()
        if self.grammar.lead and not self.reading.values.get(self.grammar.lead):
            self.reading.values.pop(self.grammar.lead, None)
        return self.reading

    def special(self, token: Token) -> bool:
        return bool(self.grammar.key_of(token) or self.grammar.flag_of(token))

    def step(self, token: Token) -> str | None:
        key, flag = self.grammar.key_of(token), self.grammar.flag_of(token)
        if key is not None or flag is not None:
            self.finish()
        if key is not None and key.name == self.grammar.rest_of_line:
            self.store(key, self.text[token.end :].strip(), token.text)
            return "done"
        if flag is not None:
            self.reading.flags.add(flag)
        elif key is not None:
            self.start(key, token)
        elif self.collecting is not None:
            self.append(token.text)
        elif self.open_slots:
            self.reading.values[self.open_slots[0]] = token.text
        else:
            self.stray()
        self.open_slots = [slot for slot in self.open_slots if slot not in self.reading.values]
        return None

    def start(self, key: Key, token: Token) -> None:
        if not key.one_word:
            self.collecting = (token.text, key, 0)
            if not key.adds_up or key.name not in self.reading.values:
                self.reading.values[key.name] = ""
            return
        following = self.tokens[self.index + 1] if self.index + 1 < len(self.tokens) else None
        if following is None or self.special(following):
            self.missing(token.text)
        else:
            self.store(key, following.text, token.text)
            self.index += 1

    def append(self, word: str) -> None:
        assert self.collecting is not None
        typed, key, count = self.collecting
        values = self.reading.values
        values[key.name] = " ".join(filter(None, [values[key.name], word]))
        self.collecting = (typed, key, count + 1)

    def store(self, key: Key, value: str, typed: str) -> None:
        values = self.reading.values
        if not value:
            self.missing(typed)
        elif key.adds_up and values.get(key.name):
            values[key.name] += " " + value
        else:
            values[key.name] = value

    def finish(self) -> None:
        """End the many-word key being read: it needs at least one word (a lead need not)."""
        leading = self.collecting is not None and self.collecting[1].name == self.grammar.lead
        if self.collecting is not None and not self.collecting[2] and not leading:
            self.missing(self.collecting[0])
        self.collecting = None

    def missing(self, typed: str) -> None:
        self.reading.problems.append(Problem("grammar.error.missing_value", {"word": typed}))

    def stray(self) -> None:
        """A word no slot or key wants: it and the plain words after it, up to the next key,
        are one thing not understood (`colour red`)."""
        first = self.index
        while self.index + 1 < len(self.tokens) and not self.special(self.tokens[self.index + 1]):
            self.index += 1
        after = " ".join(token.text for token in self.tokens[first + 1 : self.index + 1])
        self.reading.unknown.append((self.tokens[first].text, after))


# -- free text with pairs before or after it --------------------------------------------------

Fits = Callable[[Key, list[str]], bool]  # may these words be this key's value here?


@dataclass(frozen=True)
class Split:
    before: dict[str, str]
    text: str  # as typed, line breaks kept
    after: dict[str, str]

    @property
    def values(self) -> dict[str, str]:
        return {**self.before, **self.after}


def split_text(
    text: str, accepted: tuple[Key, ...], fits: Fits, longest: int = 3, trailing: bool = True
) -> Split:
    """Free text with `key value` pairs before it and after it, never inside it: "the order
    arrived late" keeps its word "order". A pair counts only where `fits` says its value
    does (an order number has digits, an assignee is a mention)."""
    grammar = Grammar(keys=accepted)
    tokens = tokenize(text)
    before, start = _leading_pairs(grammar, tokens, fits)
    rest = tokens[start:]
    after, end = _trailing_pairs(grammar, rest, fits, longest) if trailing else ({}, len(rest))
    head = tokens[start].start if start < len(tokens) else len(text)
    tail = tokens[start + end].start if start + end < len(tokens) else len(text)
    return Split(before, text[head:tail].strip() if tail > head else "", after)


def _leading_pairs(grammar: Grammar, tokens: list[Token], fits: Fits) -> tuple[dict, int]:
    found: dict[str, str] = {}
    index = 0
    while index + 1 < len(tokens):
        key = grammar.key_of(tokens[index])
        value = tokens[index + 1].text
        if key is None or key.name in found or not fits(key, [value]):
            break
        found[key.name] = value
        index += 2
    return found, index


def _trailing_pairs(
    grammar: Grammar, tokens: list[Token], fits: Fits, longest: int
) -> tuple[dict, int]:
    """Pairs read from the end; returns them and how many tokens come before them."""
    found: dict[str, str] = {}
    end = len(tokens)
    while True:
        pair = _last_pair(grammar, tokens[:end], fits, longest, found)
        if pair is None:
            return found, end
        key, value, end = pair
        found[key.name] = value


def _last_pair(
    grammar: Grammar, tokens: list[Token], fits: Fits, longest: int, found: dict
) -> tuple[Key, str, int] | None:
    for size in range(min(longest, len(tokens) - 1), 0, -1):
        key = grammar.key_of(tokens[-size - 1])
        words = [token.text for token in tokens[-size:]]
        if key is None or key.name in found or (key.one_word and size != 1):
            continue
        if fits(key, words):
            return key, " ".join(words), len(tokens) - size - 1
    return None


def usage_keys(accepted: Iterable[Key]) -> str:
    """`customer/客户, due/截止, …`: the keys a help text lists."""
    return ", ".join("/".join(key.words[:1] + _chinese(key.words)) for key in accepted)


def _chinese(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(word for word in words if not word.isascii())
