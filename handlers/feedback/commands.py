"""/feedback: log customer feedback, follow it, answer it in time."""

from __future__ import annotations

from functools import partial

from bot import feedback

from ..mrkdwn import mention
from ..people import checked_people, checked_person
from ..routing import Command, Reply, Request
from . import modals, render

command = Command("/feedback", "feedback.title", default="add", on_number="show")


@command.sub("add", "feedback.usage.add", "new", "log")
def add(request: Request) -> Reply | None:
    if not request.args:
        modals.open_add_form(request)
        return None
    item = feedback.log_text(
        request.core, request.user_id, request.args, partial(checked_person, request)
    )
    return Reply(render.logged_message(item, request.viewer()))


@command.sub("list", "feedback.usage.list", "ls")
def list_items(request: Request) -> Reply:
    found = feedback.list_items(request.core, request.user_id, feedback.list_args(request.args))
    return Reply(render.list_message(found, request.viewer()))


@command.sub("show", "feedback.usage.show")
def show(request: Request) -> Reply:
    detail = feedback.detail(request.core, feedback.id_only(request.args))
    return Reply(render.detail_message(detail, request.viewer()))


@command.sub("comment", "feedback.usage.comment", "note")
def comment(request: Request) -> Reply:
    item_id, text = feedback.id_and_rest(request.args)
    item = feedback.comment(request.core, request.user_id, item_id, text)
    return _done(request, "feedback.done.commented", id=item.id)


@command.sub("assign", "feedback.usage.assign")
def assign(request: Request) -> Reply:
    wanted = feedback.assign_args(request.args)
    (assignee,) = checked_people(request, [wanted.assignee], wanted.problems)
    change = feedback.assign(request.core, request.user_id, wanted.item_id, assignee)
    key = "feedback.done.assigned" if change.changed else "feedback.done.assigned_already"
    return _done(request, key, id=wanted.item_id, assignee=mention(assignee))


@command.sub("start", "feedback.usage.start", "progress")
def start(request: Request) -> Reply:
    item_id = feedback.id_only(request.args)
    change = feedback.start(request.core, request.user_id, item_id)
    key = "feedback.done.started" if change.changed else "feedback.done.started_already"
    return _done(request, key, id=item_id)


@command.sub("resolve", "feedback.usage.resolve", "close")
def resolve(request: Request) -> Reply:
    item_id, resolution = feedback.id_and_rest(request.args)
    item = feedback.resolve(request.core, request.user_id, item_id, resolution)
    return Reply(render.resolved_message(item, request.viewer()))


@command.sub("reopen", "feedback.usage.reopen")
def reopen(request: Request) -> Reply:
    item_id, reason = feedback.id_and_rest(request.args)
    feedback.reopen(request.core, request.user_id, item_id, reason)
    return _done(request, "feedback.done.reopened", id=item_id)


@command.sub("severity", "feedback.usage.severity", "sev")
def severity(request: Request) -> Reply:
    item_id, word = feedback.severity_args(request.args)
    change = feedback.set_severity(request.core, request.user_id, item_id, word)
    return Reply(render.severity_message(change.item, request.viewer()))


@command.sub("customer", "feedback.usage.customer")
def customer(request: Request) -> Reply:
    overview = feedback.customer_overview(request.core, feedback.customer_name(request.args))
    return Reply(render.overview_message(overview, request.viewer()))


def _done(request: Request, key: str, **params: object) -> Reply:
    return Reply(render.done_message(request.t(key, **params)))
