"""The words of `/task` and the fields of the "new task" form, read into plain values.

`/task add Send PI to ACME @li due fri 17:00 !high`: the title, then optionally the assignee (a
mention at the end of the title or among the date words), `due <when>` and a priority. Dates
are read in the author's time zone as of the unit's "now" (bot.dates).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from storage.models.tasks import TITLE_MAX

from ..dates import END_OF_WORKDAY, LATEST, parse_due, too_far
from ..errors import InvalidInput
from .views import MessageLink

DUE_WORDS = ("due", "截止", "到期")
NO_DUE_WORDS = ("none", "clear", "-", "无", "不限")
PRIORITY_WORDS = {"high": "high", "高": "high", "low": "low", "低": "low", "normal": "normal"}
SCOPE_WORDS = {
    "mine": "mine",
    "我的": "mine",
    "team": "team",
    "团队": "team",
    "all": "team",
    "overdue": "overdue",
    "逾期": "overdue",
}
# A title in straight, curly or corner quotes, then whatever follows it.
QUOTED_TITLE = re.compile(r'\s*(?:"([^"]*)"|“([^”]*)”|「([^」]*)」)(.*)', re.DOTALL)


@dataclass(frozen=True)
class NewTask:
    title: str  # one line, checked (clean_title)
    assignee: str | None  # the mention as typed
    due: str | None  # the words after "due"
    priority: str
    due_word: str = "due"  # as typed: due, 截止 or 到期


@dataclass(frozen=True)
class TaskForm:
    """What the "new task" form was submitted with; the pickers give a local date and time."""

    title: str
    assignee_id: str
    day: str | None  # 2026-12-11
    time: str | None  # 16:30
    priority: str
    source: MessageLink | None = None


def parse_add(text: str) -> NewTask:
    """Split `/task add` text into title, assignee, due words and priority.

    The date starts at the last `due` (截止, 到期) that has words after it, so "Pay the amount
    due" stays a title, except `due to` ("owed to", "because of"), which never starts a date:
    "Pay invoice due to ACME" is all title. A title in quotes ("…", “…” or 「…」) is taken as
    written, so it may hold any words: `/task add "Collect payment due on arrival" due fri`.
    Words after `due` that are not a date are refused (due_of), never quietly made title:
    a mistyped date must not become a task without a due date.
    """
    # Mentions are read before unescaping: Slack sends a real one as <@U…>, while typed
    # angle brackets arrive as &lt; &gt; and must not become a mention of anyone.
    quoted, rest = _quoted_title(text.replace("！", "!"))
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
    # Checked before the assignee is looked up: a bad title asks Slack nothing.
    title = clean_title(html.unescape(" ".join([quoted or "", *head])))
    assignee = people[0] if people else None
    due_word = "due" if due_index is None else words[due_index]
    due = html.unescape(" ".join(tail)) or None
    return NewTask(title, assignee, due, priority, due_word)


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


def clean_title(title: str) -> str:
    """One line, trimmed; refused when empty or longer than a task title can be."""
    cleaned = " ".join(title.split())
    if not cleaned:
        raise InvalidInput("tasks.error.no_title")
    if len(cleaned) > TITLE_MAX:
        raise InvalidInput("tasks.error.title_too_long", max=TITLE_MAX, length=len(cleaned))
    return cleaned


def is_mention(word: str) -> bool:
    return word.startswith("<@") or (word.startswith("@") and len(word) > 1)


def parse_task_id(token: str) -> int:
    """`12` or `#12` (the first word of `token`)."""
    word = token.split()[0] if token.strip() else ""
    if not word:
        raise InvalidInput("tasks.error.no_id")
    digits = word.lstrip("#")
    if not digits.isdecimal() or len(digits) > 9:  # isdigit() takes "²", which int() refuses
        raise InvalidInput("tasks.error.bad_id", token=word)
    return int(digits)


def split_task_id(args: str) -> tuple[int, str]:
    """`12 the rest` to 12 and the rest, as typed."""
    token, _, rest = args.strip().partition(" ")
    return parse_task_id(token), rest


def list_scope(word: str) -> str:
    """mine, team or overdue by its word; `person` for a mention (the caller finds them)."""
    if word.lower() in SCOPE_WORDS:
        return SCOPE_WORDS[word.lower()]
    if is_mention(word):
        return "person"
    raise InvalidInput("tasks.error.unknown_scope", word=word)


def due_of(wanted: NewTask, zone: ZoneInfo, now: datetime) -> datetime | None:
    """The due instant of `/task add`; words after `due` that are no date may be title."""
    if wanted.due is None:
        return None
    try:
        return parse_due(wanted.due, zone, now)
    except InvalidInput as error:
        if error.key != "dates.error.unparseable":
            raise
        whole = f"{wanted.title} {wanted.due_word} {wanted.due}"
        raise InvalidInput(
            "tasks.error.due_unreadable", text=wanted.due, word=wanted.due_word, title=whole
        ) from error


def due_or_none(text: str, zone: ZoneInfo, now: datetime) -> datetime | None:
    """`/task due <id> <when>`: the instant, or None for the words that clear it."""
    if text.strip().lower() in NO_DUE_WORDS:
        return None
    return parse_due(text, zone, now)


def picked_due(form: TaskForm, zone: ZoneInfo) -> datetime | None:
    """The form's local date and time as an instant; a date alone means the end of the workday."""
    if not form.day:
        if form.time:
            raise InvalidInput("tasks.error.time_without_date")
        return None
    try:  # the pickers send ISO text, but what arrives is whatever the request holds
        clock = time.fromisoformat(form.time) if form.time else END_OF_WORKDAY
        local = datetime.combine(date.fromisoformat(form.day), clock, tzinfo=zone)
        due = local.astimezone(UTC)
    except ValueError:  # 2026-02-30
        picked = f"{form.day} {form.time or ''}"
        raise InvalidInput("dates.error.unparseable", text=picked) from None
    except OverflowError:
        raise too_far(form.day) from None
    if due >= LATEST:
        raise too_far(form.day)
    return due
