"""/feedback: log customer feedback, follow it, answer it in time."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot import customers, feedback
from bot.errors import InvalidInput
from bot.feedback.vocabulary import severity_choices

from ..blocks import Rendered, context, header, section
from ..mrkdwn import mention
from ..people import require_person
from ..routing import Command, Reply, Request
from . import modal, render

command = Command("/feedback", "feedback.title", default="add")


@command.sub("add", "feedback.usage.add", "new", "log")
def add(request: Request) -> Reply | None:
    if not request.args:
        open_add_modal(request)
        return None
    with request.core.unit() as unit:
        parsed = feedback.parse_add(unit, request.args)
    new = parsed.feedback
    if parsed.assignee:
        new = replace(new, assignee_id=require_person(request, parsed.assignee))
    with request.core.unit() as unit:
        item = feedback.log(unit, request.user_id, new)
    return done(request, "feedback.done.logged", **_logged_params(request, item))


def _logged_params(request: Request, item: feedback.FeedbackView) -> dict[str, Any]:
    return {
        "id": item.id,
        "customer": item.customer_name,
        "severity": render.severity_label(item.severity, request.lang),
        "category": render.category_name(item.category, request.lang),
        "assignee": mention(item.assignee_id),
        "response_due": render.local_time(item.first_response_due_at, request.member.timezone),
        "resolution_due": render.local_time(item.resolution_due_at, request.member.timezone),
    }


def open_add_modal(request: Request) -> None:
    with request.core.unit() as unit:
        names = customers.names(unit, limit=modal.MAX_OPTIONS + 1)
    if not names:
        raise InvalidInput("feedback.error.no_customers_yet")
    view = modal.add_view(request.core.settings, names, request.lang)
    request.client.views_open(trigger_id=request.body["trigger_id"], view=view)


@command.sub("list", "feedback.usage.list", "ls")
def list_items(request: Request) -> Reply:
    words, number = _page_number(request.args.split())
    scope = words[0].lower() if words else "open"
    value = " ".join(words[1:]).strip('"“”')
    with request.core.unit() as unit:
        found = feedback.list_items(unit, request.user_id, scope, value, number)
    title = request.t(f"feedback.list.title.{scope}", value=found.subject)
    lines = [render.line(item, request.lang) for item in found.items]
    blocks: list[Any] = [header(title)]
    blocks += [section(text) for text in lines] or [section(request.t("feedback.list.empty"))]
    if found.pages > 1:
        blocks.append(context(_page_hint(request, found)))
    return Reply(Rendered(text=title, blocks=blocks))


def _page_number(words: list[str]) -> tuple[list[str], int]:
    if len(words) >= 2 and words[-2].lower() in ("page", "p", "页") and words[-1].isdigit():
        return words[:-2], int(words[-1])
    return words, 1


def _page_hint(request: Request, found: feedback.FeedbackPage) -> str:
    """Where this page is, and the exact command for the next one (the first, from the last)."""
    following = found.page + 1 if found.page < found.pages else 1
    scope = " ".join(part for part in (found.scope, found.subject) if part)
    return request.t(
        "feedback.list.page",
        page=found.page,
        pages=found.pages,
        total=found.total,
        command=f"/feedback list {scope} page {following}",
    )


@command.sub("show", "feedback.usage.show")
def show(request: Request) -> Reply:
    item_id = feedback.item_id(request.args)
    with request.core.unit() as unit:
        detail = feedback.detail(unit, item_id)
    return Reply(render.detail_message(detail, request.lang, request.member.timezone))


@command.sub("comment", "feedback.usage.comment", "note")
def comment(request: Request) -> Reply:
    item_id, text = _id_and_rest(request)
    with request.core.unit() as unit:
        item = feedback.comment(unit, request.user_id, item_id, text)
    return done(request, "feedback.done.commented", id=item.id)


@command.sub("assign", "feedback.usage.assign")
def assign(request: Request) -> Reply:
    item_id, who = _id_and_rest(request)
    if not who:
        raise InvalidInput("feedback.error.no_assignee", id=item_id)
    assignee = require_person(request, who)
    with request.core.unit() as unit:
        change = feedback.assign(unit, request.user_id, item_id, assignee)
    key = "feedback.done.assigned" if change.changed else "feedback.done.assigned_already"
    return done(request, key, id=item_id, assignee=mention(assignee))


@command.sub("start", "feedback.usage.start", "progress")
def start(request: Request) -> Reply:
    item_id = feedback.item_id(request.args)
    with request.core.unit() as unit:
        change = feedback.start(unit, request.user_id, item_id)
    key = "feedback.done.started" if change.changed else "feedback.done.started_already"
    return done(request, key, id=item_id)


@command.sub("resolve", "feedback.usage.resolve", "close")
def resolve(request: Request) -> Reply:
    item_id, resolution = _id_and_rest(request)
    with request.core.unit() as unit:
        item = feedback.resolve(unit, request.user_id, item_id, resolution)
    duration = feedback.humanize(item.time_to_resolution or item.waiting, request.lang)
    return done(request, "feedback.done.resolved", id=item_id, duration=duration)


@command.sub("reopen", "feedback.usage.reopen")
def reopen(request: Request) -> Reply:
    item_id, reason = _id_and_rest(request)
    with request.core.unit() as unit:
        feedback.reopen(unit, request.user_id, item_id, reason)
    return done(request, "feedback.done.reopened", id=item_id)


@command.sub("severity", "feedback.usage.severity", "sev")
def severity(request: Request) -> Reply:
    item_id, word = _id_and_rest(request)
    if not word:
        raise InvalidInput("feedback.error.no_severity", id=item_id, choices=severity_choices())
    with request.core.unit() as unit:
        item = feedback.set_severity(unit, request.user_id, item_id, word).item
    return done(
        request,
        "feedback.done.severity",
        id=item_id,
        severity=render.severity_label(item.severity, request.lang),
        response_due=render.local_time(item.first_response_due_at, request.member.timezone),
        resolution_due=render.local_time(item.resolution_due_at, request.member.timezone),
    )


@command.sub("customer", "feedback.usage.customer")
def customer(request: Request) -> Reply:
    name = request.args.strip().strip('"“”')
    if not name:
        raise InvalidInput("feedback.error.no_customer")
    with request.core.unit() as unit:
        overview = feedback.customer_overview(unit, name)
    return Reply(render.overview_message(overview, request.core.settings, request.lang))


def _id_and_rest(request: Request) -> tuple[int, str]:
    parts = request.args.split(maxsplit=1)
    rest = parts[1].strip() if len(parts) > 1 else ""
    return feedback.item_id(parts[0] if parts else ""), rest


def done(request: Request, key: str, **params: Any) -> Reply:
    text = f":white_check_mark: {request.t(key, **params)}"
    return Reply(Rendered(text=text, blocks=[section(text)]))
