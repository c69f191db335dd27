"""/task: the team's shared to-do list from the message box.

Each subcommand reads its words (bot.tasks.parsing), calls one bot.tasks entry point and
replies with the task as it now stands; the App Homes it changed are republished once Slack
has the reply (each views.publish is a call to Slack, and a command must be answered within
3 seconds).
"""

from __future__ import annotations

import html
from functools import partial
from typing import Any

from bot import tasks

from ..blocks import Rendered
from ..mrkdwn import mention
from ..people import checked_people, checked_person, require_person
from ..routing import Command, Reply, Request
from .home import refresh_homes
from .modals import open_create_form
from .render import card, detail_message, list_message, task_ref, when

command = Command("/task", "tasks.title", default="list", on_number="show")


@command.sub("add", "tasks.usage.add", "new", "添加")
def add(request: Request) -> Reply | None:
    if not request.args.strip():
        reply_to = {"reply_channel": request.body.get("channel_id")}
        open_create_form(
            request.client, request.body["trigger_id"], request.viewer(), source=reply_to
        )
        return None
    viewer = request.viewer()
    wanted = tasks.parse_add(request.args, viewer.zone, viewer.now)
    assignee = checked_person(request, wanted.assignee, wanted.problems) or request.user_id
    change = tasks.add(request.core, request.user_id, wanted, assignee, request.member.zone)
    return _changed(request, change, "tasks.created", assignee=mention(assignee))


@command.sub("list", "tasks.usage.list", "ls")
def list_tasks(request: Request) -> Reply:
    word, number = tasks.list_args(request.args)
    scope = tasks.list_scope(word)
    person = require_person(request, word) if scope == "person" else None
    found = tasks.list_page(request.core, request.user_id, scope, person, number)
    return Reply(list_message(found, request.viewer()))


@command.sub("show", "tasks.usage.show", "info")
def show(request: Request) -> Reply:
    found = tasks.show(request.core, tasks.task_id_only(request.args))
    return Reply(detail_message(found, request.viewer()))


@command.sub("done", "tasks.usage.done", "complete", "完成")
def done(request: Request) -> Reply:
    change = _set_status(request, tasks.DONE)
    return _changed(request, change, "tasks.done.done", "tasks.done.already_done")


@command.sub("reopen", "tasks.usage.reopen")
def reopen(request: Request) -> Reply:
    change = _set_status(request, tasks.OPEN)
    return _changed(request, change, "tasks.done.reopen", "tasks.done.already_open")


@command.sub("cancel", "tasks.usage.cancel", "取消")
def cancel(request: Request) -> Reply:
    change = _set_status(request, tasks.CANCELLED)
    return _changed(request, change, "tasks.done.cancel", "tasks.done.already_cancelled")


def _set_status(request: Request, status: str) -> tasks.Change:
    task_id = tasks.task_id_only(request.args)
    return tasks.set_status(request.core, request.user_id, task_id, status)


@command.sub("assign", "tasks.usage.assign", "give")
def assign(request: Request) -> Reply:
    wanted = tasks.assign_args(request.args)
    (assignee,) = checked_people(request, [wanted.assignee], wanted.problems)
    change = tasks.reassign(request.core, request.user_id, wanted.task_id, assignee)
    keys = ("tasks.done.assign", "tasks.done.already_assigned")
    return _changed(request, change, *keys, assignee=mention(assignee))


@command.sub("due", "tasks.usage.due")
def due(request: Request) -> Reply:
    task_id, words = tasks.due_args(request.args)
    change = tasks.reschedule(request.core, request.user_id, task_id, words, request.member.zone)
    done_key = "tasks.done.due" if change.task.due_at else "tasks.done.due_cleared"
    return _changed(request, change, done_key, "tasks.done.same_due")


@command.sub("comment", "tasks.usage.comment", "note", "评论")
def comment(request: Request) -> Reply:
    task_id, text = tasks.split_task_id(request.args)
    task = tasks.add_comment(request.core, request.user_id, task_id, html.unescape(text))
    done = request.t("tasks.done.comment", task=task_ref(task.id, task.title))
    return Reply(Rendered(text=f":white_check_mark: {done}"))


def _changed(
    request: Request,
    change: tasks.Change,
    done_key: str,
    same_key: str | None = None,
    **params: Any,
) -> Reply:
    viewer, task = request.viewer(), change.task
    params.setdefault("when", when(task.due_at, viewer) if task.due_at else "—")
    key = done_key if change.changed or same_key is None else same_key
    headline = viewer.t(key, task=task_ref(task.id, task.title), **params)
    message = card(f":white_check_mark: {headline}", task, viewer, buttons=False)
    homes = partial(refresh_homes, request.core, request.client, change.affected)
    return Reply(message, afterwards=[homes])
