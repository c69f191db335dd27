"""/task: the team's shared to-do list from the message box.

Each subcommand reads its words (task_args), calls one bot.tasks service and replies with the
task as it now stands. Dates are read in the author's time zone (bot.dates). The buttons, the
form, the message shortcut and App Home are in task_interactions.
"""

from __future__ import annotations

import html
from contextvars import ContextVar
from datetime import datetime
from typing import Any

from slack_sdk import WebClient

from bot import task_views, tasks
from bot.dates import parse_due
from bot.errors import InvalidInput

from . import task_interactions
from .blocks import Rendered
from .mrkdwn import mention
from .people import require_person
from .routing import Command, Reply, Request
from .task_args import NewTask, is_mention, parse_add, parse_task_id
from .task_screens import list_message, open_create_form, reader_of, refresh_homes
from .task_views import RENDERERS as NOTICES
from .task_views import card, detail_message, task_ref, when

command = Command("/task", "tasks.title", default="list")

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

# Members whose App Home a command changed, republished once Slack has the command's reply:
# each views.publish is a call to Slack, and a command must be answered within 3 seconds.
_homes_to_refresh: ContextVar[list[str]] = ContextVar("homes_to_refresh")

__all__ = ["NOTICES", "command", "register"]


def register(app: Any) -> None:
    app.command(command.name)(on_command)
    task_interactions.register(app)


def on_command(ack: Any, body: dict[str, Any], client: WebClient, context: Any) -> None:
    """Run the command (it acks with its reply), then refresh the App Homes it changed."""
    homes: list[str] = []
    token = _homes_to_refresh.set(homes)
    try:
        command.listener(ack, body, client, context)
    finally:
        _homes_to_refresh.reset(token)
    refresh_homes(context["core"], client, dict.fromkeys(homes))


@command.sub("add", "tasks.usage.add", "new", "添加")
def add(request: Request) -> Reply | None:
    if not request.args.strip():
        reply_to = {"reply_channel": request.body.get("channel_id")}
        open_create_form(
            request.client, request.body["trigger_id"], request.member, source=reply_to
        )
        return None
    wanted = parse_add(request.args)
    title = tasks.clean_title(wanted.title)  # before anything else: a bad title asks nothing
    assignee = require_person(request, wanted.assignee) if wanted.assignee else request.user_id
    with request.core.unit() as unit:
        due = _due_of_new_task(wanted, title, request, unit.now)
        change = tasks.create(
            unit,
            request.user_id,
            title,
            assignee_id=assignee,
            due_at=due,
            priority=wanted.priority,
        )
    return _changed(request, change, "tasks.created", assignee=mention(assignee))


def _due_of_new_task(
    wanted: NewTask, title: str, request: Request, now: datetime
) -> datetime | None:
    """The due instant; words after `due` that are no date may have meant the title."""
    if wanted.due is None:
        return None
    try:
        return parse_due(wanted.due, request.member.zone, now)
    except InvalidInput as error:
        if error.key != "dates.error.unparseable":
            raise
        whole = f"{title} {wanted.due_word} {wanted.due}"
        raise InvalidInput(
            "tasks.error.due_unreadable", text=wanted.due, word=wanted.due_word, title=whole
        ) from error


@command.sub("list", "tasks.usage.list", "ls")
def list_tasks(request: Request) -> Reply:
    words = request.args.split()
    number = int(words.pop()) if words and words[-1].isdigit() else 1
    scope, who = _scope(request, words[0] if words else "mine")
    return Reply(list_message(request.core, request.member, scope, who, number))


def _scope(request: Request, word: str) -> tuple[str, str | None]:
    if word.lower() in SCOPE_WORDS:
        return SCOPE_WORDS[word.lower()], None
    if is_mention(word):
        return "person", require_person(request, word)
    raise InvalidInput("tasks.error.unknown_scope", word=word)


@command.sub("show", "tasks.usage.show", "info")
def show(request: Request) -> Reply:
    task_id = parse_task_id(request.args)
    with request.core.unit() as unit:
        found = task_views.detail(unit, task_id)
    return Reply(detail_message(found, reader_of(request.member)))


@command.sub("done", "tasks.usage.done", "complete", "完成")
def done(request: Request) -> Reply:
    with request.core.unit() as unit:
        change = tasks.complete(unit, request.user_id, parse_task_id(request.args))
    return _changed(request, change, "tasks.done.done", "tasks.done.already_done")


@command.sub("reopen", "tasks.usage.reopen")
def reopen(request: Request) -> Reply:
    with request.core.unit() as unit:
        change = tasks.reopen(unit, request.user_id, parse_task_id(request.args))
    return _changed(request, change, "tasks.done.reopen", "tasks.done.already_open")


@command.sub("cancel", "tasks.usage.cancel", "取消")
def cancel(request: Request) -> Reply:
    with request.core.unit() as unit:
        change = tasks.cancel(unit, request.user_id, parse_task_id(request.args))
    return _changed(request, change, "tasks.done.cancel", "tasks.done.already_cancelled")


@command.sub("assign", "tasks.usage.assign", "give")
def assign(request: Request) -> Reply:
    token, _, who = request.args.strip().partition(" ")
    task_id = parse_task_id(token)
    if not who.strip():
        raise InvalidInput("tasks.error.no_assignee", id=task_id)
    assignee = require_person(request, who.strip())
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
    task_id = parse_task_id(token)
    if not text.strip():
        raise InvalidInput("tasks.error.no_when", id=task_id)
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
    task_id = parse_task_id(token)
    with request.core.unit() as unit:
        task = tasks.comment(unit, request.user_id, task_id, html.unescape(text))
    reader = reader_of(request.member)
    return _reply(reader.t("tasks.done.comment", task=task_ref(task.id, task.title)))


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
    _homes_to_refresh.get().extend(change.affected)
    return Reply(card(f":white_check_mark: {headline}", task, reader, buttons=False))


def _reply(text: str) -> Reply:
    return Reply(Rendered(text=f":white_check_mark: {text}"))
