"""Reading `/task` arguments: the parts of `/task add`, task ids, list scopes.

`/task add Send PI to ACME @li due fri 17:00 !high`: the title, then optionally the assignee (a
mention at the end of the title or among the date words), `due <when>` and a priority.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from bot.errors import InvalidInput

DUE_WORDS = ("due", "截止", "到期")
PRIORITY_WORDS = {"high": "high", "高": "high", "low": "low", "低": "low", "normal": "normal"}
# A title in straight, curly or corner quotes, then whatever follows it.
QUOTED_TITLE = re.compile(r'\s*(?:"([^"]*)"|“([^”]*)”|「([^」]*)」)(.*)', re.DOTALL)


@dataclass(frozen=True)
class NewTask:
    title: str
    assignee: str | None  # the mention as typed
    due: str | None  # the words after "due"
    priority: str
    due_word: str = "due"  # as typed: due, 截止 or 到期


def parse_add(text: str) -> NewTask:
    """Split `/task add` text into title, assignee, due words and priority.

    The date starts at the last `due` (截止, 到期) that has words after it, so "Pay the amount
    due" stays a title, except `due to` ("owed to", "because of"), which never starts a date:
    "Pay invoice due to ACME" is all title. A title in quotes ("…", “…” or 「…」) is taken as
    written, so it may hold any words: `/task add "Collect payment due on arrival" due fri`.
    Words after `due` that are not a date are refused by the caller, never quietly made title:
    a mistyped date must not become a task without a due date.
    """
    quoted, rest = _quoted_title(html.unescape(text).replace("！", "!"))
    words, priority = _take_priority(rest.split())
    due_index = _due_index(words)
    head = words if due_index is None else words[:due_index]
    tail = [] if due_index is None else words[due_index + 1 :]
    people = [word for word in tail if is_mention(word)]
    tail = [word for word in tail if not is_mention(word)]
    while head and is_mention(head[-1]):
        people.insert(0, head.pop())
    if len(people) > 1:
        raise InvalidInput("tasks.error.one_assignee")
    title = " ".join([quoted or "", *head])
    assignee = people[0] if people else None
    due_word = "due" if due_index is None else words[due_index]
    return NewTask(title, assignee, " ".join(tail) or None, priority, due_word)


def _quoted_title(text: str) -> tuple[str | None, str]:
    found = QUOTED_TITLE.fullmatch(text)
    if found is None:
        return None, text
    quoted = next(part for part in found.groups()[:3] if part is not None)
    return quoted, found.group(4)


def _due_index(words: list[str]) -> int | None:
    starts = [
        index
        for index, word in enumerate(words[:-1])
        if word.lower() in DUE_WORDS and words[index + 1].lower() != "to"
    ]
    return starts[-1] if starts else None


def _take_priority(words: list[str]) -> tuple[list[str], str]:
    priority, kept = "normal", []
    for word in words:
        if re.fullmatch(r"!\w+", word):
            priority = PRIORITY_WORDS.get(word[1:].lower()) or _unknown_priority(word)
        else:
            kept.append(word)
    return kept, priority


def _unknown_priority(word: str) -> str:
    raise InvalidInput("tasks.error.unknown_priority", priority=word)


def is_mention(word: str) -> bool:
    return word.startswith("<@") or (word.startswith("@") and len(word) > 1)


def parse_task_id(token: str) -> int:
    """`12` or `#12` (the first word of `token`)."""
    word = token.split()[0] if token.strip() else ""
    if not word:
        raise InvalidInput("tasks.error.no_id")
    digits = word.lstrip("#")
    if not digits.isdigit() or len(digits) > 9:
        raise InvalidInput("tasks.error.bad_id", token=word)
    return int(digits)
