"""/order: where an order stands, its history and list; sales and logistics change orders."""

from __future__ import annotations

from bot import orders
from bot.orders import parsing, pipeline

from ..people import people_named, user_id_from
from ..playbooks.commands import checklist
from ..playbooks.render import with_handout
from ..routing import Command, Reply, Request
from .modals import open_modal
from .render import (
    created_message,
    history_message,
    list_message,
    status_message,
    updated_message,
    watch_message,
)


def stage_help(request: Request) -> list[str]:
    """`/order help` names the stages, in the reader's language, as `stage` takes them."""
    stages = pipeline.view(request.core.settings)
    names = ", ".join(
        f"`{each.key}` {stages.name(each.key, request.lang)}" for each in stages.stages
    )
    return [request.t("orders.help.stages", stages=names)]


command = Command("/order", "orders.title", on_number="status", more_help=stage_help)


@command.sub("status", "orders.usage.status", "show", "s", "状态")
def status(request: Request) -> Reply:
    number = parsing.number_only(request.args)
    found = orders.status_of(request.core, number, request.user_id)
    return Reply(status_message(found, request.viewer()))


@command.sub("new", "orders.usage.new", "add", "create", "新建")
def new(request: Request) -> Reply | None:
    if not request.args.strip():
        open_modal(request)
        return None
    asked = parsing.new_order_ask(request.args)
    _meet_owner(request, asked.values)
    created = orders.create(
        request.core, request.user_id, asked.number, asked.values, asked.problems
    )
    return Reply(created_message(created, request.viewer()))


@command.sub("update", "orders.usage.update", "set", "u", "更新")
def update(request: Request) -> Reply:
    asked = parsing.update_ask(request.args)
    _meet_owner(request, asked.values)
    saved = orders.update(
        request.core, request.user_id, asked.number, asked.values, asked.force, asked.problems
    )
    viewer = request.viewer()
    return Reply(with_handout(updated_message(saved, viewer), saved.handed_out, viewer))


def _meet_owner(request: Request, values: dict[str, str]) -> None:
    """Learn a mentioned owner Slack has not introduced yet, so the owner check knows them.
    One no one knows is left to that check, which names them with every other problem."""
    owner = values.get("owner", "")
    if user_id_from(owner):
        people_named(request, [owner])


command.sub("checklist", "playbooks.usage.checklist", "清单")(checklist)


@command.sub("list", "orders.usage.list", "ls", "列表")
def list_(request: Request) -> Reply:
    found = orders.list_page(request.core, parsing.list_query(request.args))
    return Reply(list_message(found, request.viewer()))


@command.sub("history", "orders.usage.history", "log", "历史")
def history(request: Request) -> Reply:
    number = parsing.number_only(request.args)
    return Reply(history_message(orders.history_page(request.core, number), request.viewer()))


@command.sub("watch", "orders.usage.watch", "关注")
def watch(request: Request) -> Reply:
    return _watch(request, watching=True)


@command.sub("unwatch", "orders.usage.unwatch", "取消关注")
def unwatch(request: Request) -> Reply:
    return _watch(request, watching=False)


def _watch(request: Request, watching: bool) -> Reply:
    number = parsing.number_only(request.args)
    change = orders.set_watching(request.core, request.user_id, number, watching)
    return Reply(watch_message(change, request.viewer()))
