"""/task: the team's shared to-do list from the message box.

`/task add Send PI to ACME @li due fri 17:00 !high`: the title, then optionally the assignee
(a mention at the end of the title), `due <when>` (bot.dates, in the author's time zone) and a
priority. The buttons, the form, the message shortcut and App Home are in task_interactions.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot import task_views, tasks
from bot.dates import parse_due
from bot.errors import InvalidInput

from . import task_interactions
from .app import ensure_member
from .blocks import Rendered
from .common import Command, Reply, Request, mention, resolve_person
from .task_screens import list_message, open_create_form, reader_of, refresh_homes
from .task_views import RENDERERS, card, detail_message, task_ref, when

command = Command("/task", "tasks.title", default="list")

DUE_WORDS = ("due", "截止", "到期")
PRIORITY_WORDS = {"high": "high", "高": "high", "low": "low", "低": "low", "normal": "normal"}
NO_DUE_WORDS = ("none", "clear", "-", "无", "不限")
SCOPE_WORDS = {
    "mine": "mine",
    "我的": "mine",
    "team": "team",
    "团队": "team",
    "all": "team",
    "overdue": "overdue",
    "逾期": "overdue",
}

__all__ = ["RENDERERS", "command", "register"]


def register(app: Any) -> None:
    command.register(app)
    task_interactions.register(app)


@dataclass(frozen=True)
class NewTask:
    title: str
    assignee: str | None  # the mention as typed
    due: str | None  # the words after "due"
    priority: str


def parse_add(text: str) -> NewTask:
    """Split `/task add` text into title, assignee, due words and priority."""
    words, priority = _take_priority(html.unescape(text).replace("！", "!").split())
    # The last "due" with words after it starts the date: "Pay the amount due" stays a title.
    due_index = max((i for i, w in enumerate(words[:-1]) if w.lower() in DUE_WORDS), default=None)
    head = words if due_index is None else words[:due_index]
    tail = [] if due_index is None else words[due_index + 1 :]
    people = [word for word in tail if _is_mention(word)]
    tail = [word for word in tail if not _is_mention(word)]
    while head and _is_mention(head[-1]):
        people.insert(0, head.pop())
    if len(people) > 1:
        raise InvalidInput("tasks.error.one_assignee")
    return NewTask(" ".join(head), people[0] if people else None, " ".join(tail) or None, priority)


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


def _is_mention(word: str) -> bool:
    return word.startswith("<@") or (word.startswith("@") and len(word) > 1)


@command.sub("add", "tasks.usage.add", "new", "添加")
def add(request: Request) -> Reply | None:
    if not request.args.strip():
        channel = request.body.get("channel_id")
        open_create_form(
            request.client,
            request.body["trigger_id"],
            request.member,
            source={"reply_channel": channel},
        )
        return None
    wanted = parse_add(request.args)
    assignee = person(request, wanted.assignee) if wanted.assignee else request.user_id
    with request.core.unit() as unit:
        due = parse_due(wanted.due, request.member.zone, unit.now) if wanted.due else None
        change = tasks.create(
            unit,
            request.user_id,
            wanted.title,
            assignee_id=assignee,
            due_at=due,
            priority=wanted.priority,
        )
    return _changed(request, change, "tasks.created", assignee=mention(assignee))


@command.sub("list", "tasks.usage.list", "ls")
def list_tasks(request: Request) -> Reply:
    words = request.args.split()
    number = int(words.pop()) if words and words[-1].isdigit() else 1
    scope, who = _scope(request, words[0] if words else "mine")
    return Reply(list_message(request.core, request.member, scope, who, number))


def _scope(request: Request, word: str) -> tuple[str, str | None]:
    if word.lower() in SCOPE_WORDS:
        return SCOPE_WORDS[word.lower()], None
    if _is_mention(word):
        return "person", person(request, word)
    raise InvalidInput("tasks.error.unknown_scope", word=word)


@command.sub("show", "tasks.usage.show", "info")
def show(request: Request) -> Reply:
    task_id = _task_id(request.args)
    with request.core.unit() as unit:
        found = task_views.detail(unit, task_id)
    return Reply(detail_message(found, reader_of(request.member)))


@command.sub("done", "tasks.usage.done", "complete", "完成")
def done(request: Request) -> Reply:
    with request.core.unit() as unit:
        change = tasks.complete(unit, request.user_id, _task_id(request.args))
    return _changed(request, change, "tasks.done.done", "tasks.done.already_done")


@command.sub("reopen", "tasks.usage.reopen")
def reopen(request: Request) -> Reply:
    with request.core.unit() as unit:
        change = tasks.reopen(unit, request.user_id, _task_id(request.args))
    return _changed(request, change, "tasks.done.reopen", "tasks.done.already_open")


@command.sub("cancel", "tasks.usage.cancel", "取消")
def cancel(request: Request) -> Reply:
    with request.core.unit() as unit:
        change = tasks.cancel(unit, request.user_id, _task_id(request.args))
    return _changed(request, change, "tasks.done.cancel", "tasks.done.already_cancelled")


@command.sub("assign", "tasks.usage.assign", "give")
def assign(request: Request) -> Reply:
    token, _, who = request.args.strip().partition(" ")
    task_id = _task_id(token)
    if not who.strip():
        raise InvalidInput("common.error.bad_arguments")
    assignee = person(request, who.strip())
    with request.core.unit() as unit:
        change = tasks.assign(unit, request.user_id, task_id, assignee)
    return _changed(
        request,
        change,
        "tasks.done.assign",
        "tasks.done.already_assigned",
        assignee=mention(assignee),
    )


@command.sub("due", "tasks.usage.due")
def due(request: Request) -> Reply:
    token, _, text = request.args.strip().partition(" ")
    task_id = _task_id(token)
    if not text.strip():
        raise InvalidInput("tasks.error.no_when")
    with request.core.unit() as unit:
        due_at = _due_or_none(text, request, unit.now)
        change = tasks.set_due(unit, request.user_id, task_id, due_at)
    done_key = "tasks.done.due" if due_at else "tasks.done.due_cleared"
    return _changed(request, change, done_key, "tasks.done.same_due")


def _due_or_none(text: str, request: Request, now: datetime) -> datetime | None:
    if text.strip().lower() in NO_DUE_WORDS:
        return None
    return parse_due(text, request.member.zone, now)


@command.sub("comment", "tasks.usage.comment", "note", "评论")
def comment(request: Request) -> Reply:
    token, _, text = request.args.strip().partition(" ")
    task_id = _task_id(token)
    with request.core.unit() as unit:
        task = tasks.comment(unit, request.user_id, task_id, html.unescape(text))
    reader = reader_of(request.member)
    return _reply(reader.t("tasks.done.comment", task=task_ref(task.id, task.title)))


def _task_id(token: str) -> int:
    token = token.strip().split(" ")[0] if token.strip() else ""
    digits = token.lstrip("#")
    if not digits.isdigit() or len(digits) > 9:
        raise InvalidInput("tasks.error.bad_id", token=token or "—")
    return int(digits)


def person(request: Request, token: str) -> str:
    """A mentioned member's id, learning them from Slack on first sight."""
    slack_id = resolve_person(request.core, token)
    if slack_id is None:
        raise InvalidInput("common.error.not_a_person", token=token)
    ensure_member(request.core, request.client, slack_id)
    return slack_id


def _changed(
    request: Request,
    change: tasks.Change,
    done_key: str,
    same_key: str | None = None,
    **params: Any,
) -> Reply:
    reader = reader_of(request.member)
    task = change.task
    params.setdefault("when", when(task.due_at, reader) if task.due_at else "—")
    key = done_key if change.changed or same_key is None else same_key
    headline = reader.t(key, task=task_ref(task.id, task.title), **params)
    refresh_homes(request.core, request.client, change.affected)
    return Reply(card(f":white_check_mark: {headline}", task, reader, buttons=False))


def _reply(text: str) -> Reply:
    return Reply(Rendered(text=f":white_check_mark: {text}"))
