"""The words of `/task` and the fields of the "new task" form, read into plain values.

`/task add Send PI to ACME @li due fri 17:00 !high`: the title, then optionally the assignee (a
mention at the end of the title or among the date words), `due <when>` and a priority. Dates
are read in the author's time zone as of the unit's "now" (bot.dates).

`/task add` and `/task assign` come back with every problem of their words, not raised: the
Slack side adds the assignee if no one knows them, and names them all in one reply.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from storage.models.tasks import TITLE_MAX

from .. import grammar
from ..dates import END_OF_WORKDAY, LATEST, parse_due, too_far
from ..errors import InvalidInput
from .views import MessageLink

DUE_KEY, OWNER_KEY, PRIORITY_KEY = grammar.keys("due", "owner", "priority")
DUE_WORDS = DUE_KEY.words
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
    problems: list[grammar.Issue] = field(default_factory=list)  # with the assignee's, if any


@dataclass(frozen=True)
class AssignAsk:
    task_id: int  # 0 when the id typed is none (a problem says so)
    assignee: str  # the mention as typed
    problems: list[grammar.Issue] = field(default_factory=list)  # with the assignee's, if any


@dataclass(frozen=True)
class TaskForm:
    """What the "new task" form was submitted with; the pickers give a local date and time."""

    title: str
    assignee_id: str
    day: str | None  # 2026-12-11
    time: str | None  # 16:30
    priority: str
    source: MessageLink | None = None


def parse_add(text: str, zone: ZoneInfo, now: datetime) -> NewTask:
    """Split `/task add` text into title, assignee, due words and priority, and name every
    problem with them (the due words are read in `zone` as of `now`).

    The date starts at the last `due` (截止, 到期) that has words after it, so "Pay the amount
    due" stays a title, except `due to` ("owed to", "because of"), which never starts a date:
    "Pay invoice due to ACME" is all title. A title in quotes ("…", “…” or 「…」) is taken as
    written, so it may hold any words: `/task add "Collect payment due on arrival" due fri`.
    Words after `due` that are not a date are refused (due_of), never quietly made title:
    a mistyped date must not become a task without a due date.
    """
    # Mentions are read before unescaping: Slack sends a real one as <@U…>, while typed
    # angle brackets arrive as &lt; &gt; and must not become a mention of anyone.
    problems: list[grammar.Issue] = []
    quoted, rest = _quoted_title(text.replace("！", "!"))
    words, priority = _take_priority(rest.split(), problems)
    words, priority = _take_priority_pair(words, priority)
    words, named = _take_owner_pairs(words)
    due_index = _due_index(words)
    head = words if due_index is None else words[:due_index]
    tail = [] if due_index is None else words[due_index + 1 :]
    people = [word for word in tail if is_mention(word)]
    tail = [word for word in tail if not is_mention(word)]
    while head and is_mention(head[-1]):
        people.insert(0, head.pop())
    people = named + people
    if len(people) > 1:
        problems.append(InvalidInput("tasks.error.one_assignee"))
    title = _title(html.unescape(" ".join([quoted or "", *head])), problems)
    assignee = people[0] if people else None
    due_word = "due" if due_index is None else words[due_index]
    due = html.unescape(" ".join(tail)) or None
    wanted = NewTask(title, assignee, due, priority, due_word)
    return replace(wanted, problems=[*problems, *_due_problems(wanted, zone, now)])


def _title(text: str, problems: list[grammar.Issue]) -> str:
    try:
        return clean_title(text)
    except InvalidInput as error:
        problems.append(error)
        return text


def _due_problems(wanted: NewTask, zone: ZoneInfo, now: datetime) -> list[grammar.Issue]:
    try:
        due_of(wanted, zone, now)
    except InvalidInput as error:
        return [error]
    return []


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


def _take_priority(words: list[str], problems: list[grammar.Issue]) -> tuple[list[str], str]:
    priority, kept = "normal", []
    for word in words:
        if re.fullmatch(r"!\w+", word):
            priority = PRIORITY_WORDS.get(word[1:].lower()) or _unknown_priority(word, problems)
        else:
            kept.append(word)
    return kept, priority


def _take_priority_pair(words: list[str], priority: str) -> tuple[list[str], str]:
    """`priority high` (优先级 高) at the start or the end of the text."""
    for start in (0, len(words) - 2):
        pair = words[start : start + 2] if start >= 0 else []
        named = len(pair) == 2 and pair[0].casefold() in PRIORITY_KEY.words
        if named and pair[1].lower() in PRIORITY_WORDS:
            return words[:start] + words[start + 2 :], PRIORITY_WORDS[pair[1].lower()]
    return words, priority


def _take_owner_pairs(words: list[str]) -> tuple[list[str], list[str]]:
    """`owner @li` (负责人 @li) names the assignee, where a pair may stand: at the start, at
    the end, before or after the due words. Inside the title it stays title."""
    kept, named, index = [], [], 0
    while index < len(words):
        if _owner_pair_at(words, index):
            named.append(words[index + 1])
            index += 2
            continue
        kept.append(words[index])
        index += 1
    return kept, named


def _owner_pair_at(words: list[str], index: int) -> bool:
    pair = words[index : index + 2]
    if len(pair) < 2 or pair[0].casefold() not in OWNER_KEY.words or not is_mention(pair[1]):
        return False
    after = words[index + 2 : index + 3]
    at_an_end = index == 0 or not after or after[0].casefold() in DUE_WORDS
    return at_an_end or any(word.casefold() in DUE_WORDS for word in words[:index])


def _unknown_priority(word: str, problems: list[grammar.Issue]) -> str:
    problems.append(InvalidInput("tasks.error.unknown_priority", priority=word))
    return "normal"


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


ID_ONLY = grammar.Grammar(positional=("id",))
ASSIGN = grammar.Grammar(positional=("id", "owner"), keys=grammar.keys("owner"))
LIST = grammar.Grammar(positional=("scope", "page"), keys=grammar.keys("owner", "page"))


def task_id_only(args: str) -> int:
    """`/task done 12`: the id and nothing else (extra words are named)."""
    reading = grammar.read(args, ID_ONLY)
    grammar.raise_all([*_id_problems(reading.get("id")), *reading.all_problems()])
    return parse_task_id(reading.get("id"))


def _id_problems(word: str) -> list[InvalidInput]:
    try:
        parse_task_id(word)
    except InvalidInput as error:
        return [error]
    return []


def assign_args(args: str) -> AssignAsk:
    """`12 @li` or `12 owner @li`: the task and who should take it."""
    reading = grammar.read(args, ASSIGN)
    wrong_id = _id_problems(reading.get("id"))
    problems: list[grammar.Issue] = [*wrong_id, *reading.all_problems()]
    if not problems and not reading.get("owner"):
        problems.append(InvalidInput("tasks.error.no_assignee", id=reading.get("id")))
    task_id = 0 if wrong_id else parse_task_id(reading.get("id"))
    return AssignAsk(task_id, reading.get("owner"), problems)


def due_args(args: str) -> tuple[int, str]:
    """`12 fri 17:00` or `12 due fri 17:00`: the task and the words of its new due time."""
    task_id, words = split_task_id(args)
    first, _, rest = words.strip().partition(" ")
    if first.casefold() in DUE_KEY.words:
        words = rest
    if not words.strip():
        raise InvalidInput("tasks.error.no_when", id=task_id)
    return task_id, words


def list_args(args: str) -> tuple[str, int]:
    """`[mine|team|overdue|@user] [N]`, `owner @user`, `page N`: whose list and which page."""
    reading = grammar.read(args, LIST)
    values = dict(reading.values)
    if values.get("scope", "").isdecimal() and "page" not in values:
        values["page"] = values.pop("scope")  # `/task list 2`
    page = values.get("page", "1")
    problems = reading.all_problems()
    if not (page.isdecimal() and page.isascii() and len(page) <= 9):
        problems.append(grammar.unknown_words(page))
    grammar.raise_all(problems)
    return values.get("owner") or values.get("scope") or "mine", int(page)


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
