"""/order: where an order stands, its history and list; sales and logistics change orders.

Also the buttons on order messages and pages, the "new order" modal, the stage-change
renderer and the ERP webhook route (POST /api/orders/<number>).
"""

from __future__ import annotations

import re
from typing import Any

from bot import orders
from bot.errors import DomainError, InvalidInput
from bot.i18n import t
from bot.orders import pipeline
from bot.orders.alerts import STAGE_CHANGED
from bot.team import MemberView

from . import order_api, order_modal, order_pages
from .blocks import Rendered, section
from .order_args import field_values, list_filters, number_and_rest
from .order_blocks import render_stage_changed, status_message, summary_of_changes
from .people import ensure_member, user_id_from
from .routing import Command, Reply, Request

command = Command("/order", "orders.title")
SOURCE = "command"


def register(app: Any) -> None:
    command.register(app)
    for action_id, handler in BUTTONS.items():
        app.action(action_id)(handler)
    for page_action, handler in PAGE_BUTTONS.items():
        app.action(re.compile(rf"^{re.escape(page_action)}\.(prev|next)$"))(handler)
    order_modal.register(app)


@command.sub("status", "orders.usage.status", "show", "s", "状态")
def status(request: Request) -> Reply:
    number, _ = number_and_rest(request.args)
    return Reply(_status_card(request.core, request.member, number))


def _status_card(core: Any, member: MemberView, number: str) -> Rendered:
    with core.unit() as unit:
        found = orders.status(unit, number, member.slack_id)
        return status_message(unit.settings, found, member.language, member.zone, unit.now)


@command.sub("new", "orders.usage.new", "add", "create", "新建")
def new(request: Request) -> Reply | None:
    if not request.args.strip():
        order_modal.open_modal(request)
        return None
    number, rest = number_and_rest(request.args)
    values = field_values(rest)
    _meet_owner(request, values)
    with request.core.unit() as unit:
        saved = orders.save(unit, request.user_id, SOURCE, number, values, mode="create")
        stage = pipeline.stage_name(unit.settings, saved.order.stage, request.lang)
    return _done(
        request,
        "orders.done.created",
        number=saved.order.number,
        customer=saved.order.customer_name,
        stage=stage,
    )


@command.sub("update", "orders.usage.update", "set", "u", "更新")
def update(request: Request) -> Reply:
    number, rest = number_and_rest(request.args)
    values = field_values(rest)
    if not values:
        raise InvalidInput("orders.error.nothing_to_change", number=number)
    _meet_owner(request, values)
    with request.core.unit() as unit:
        saved = orders.save(
            unit, request.user_id, SOURCE, number, values, append=True, mode="update"
        )
        changes = summary_of_changes(unit.settings, saved.changes, request.lang)
    if not saved.changes:
        return _done(request, "orders.done.unchanged", number=saved.order.number)
    reply = request.t("orders.done.updated", number=saved.order.number, changes=changes)
    if saved.notified:
        reply += " " + request.t("orders.done.notified", count=saved.notified)
    return _done_text(reply)


def _meet_owner(request: Request, values: dict[str, str]) -> None:
    """Learn a mentioned owner Slack has not introduced yet, so the owner check knows them."""
    owner = user_id_from(values.get("owner", ""))
    if owner:
        ensure_member(request.core, request.client, owner)


@command.sub("list", "orders.usage.list", "ls", "列表")
def list_(request: Request) -> Reply:
    query = order_pages.ListQuery(*list_filters(request.args))
    return Reply(order_pages.list_page(request.core, request.member, query))


@command.sub("history", "orders.usage.history", "log", "历史")
def history(request: Request) -> Reply:
    number, _ = number_and_rest(request.args)
    return Reply(order_pages.history_page(request.core, request.member, number))


@command.sub("watch", "orders.usage.watch", "关注")
def watch(request: Request) -> Reply:
    number, _ = number_and_rest(request.args)
    return Reply(_watch(request.core, request.member, number, on=True))


@command.sub("unwatch", "orders.usage.unwatch", "取消关注")
def unwatch(request: Request) -> Reply:
    number, _ = number_and_rest(request.args)
    return Reply(_watch(request.core, request.member, number, on=False))


def _watch(core: Any, member: MemberView, number: str, on: bool) -> Rendered:
    change = orders.watch if on else orders.unwatch
    with core.unit() as unit:
        order, changed = change(unit, member.slack_id, number)
    keys = {
        (True, True): "orders.done.watching",
        (True, False): "orders.done.already_watching",
        (False, True): "orders.done.unwatched",
        (False, False): "orders.done.not_watching",
    }
    text = f":eyes: {t(keys[(on, changed)], member.language, number=order.number)}"
    return Rendered(text=text, blocks=[section(text)])


def _done(request: Request, key: str, **params: Any) -> Reply:
    return _done_text(request.t(key, **params))


def _done_text(text: str) -> Reply:
    text = f":white_check_mark: {text}"
    return Reply(Rendered(text=text, blocks=[section(text)]))


# Buttons on status cards, notifications and pages. Each only reads or sets a state, so a
# second press (or Slack re-sending one) changes nothing more. A page button replaces the
# page it is on; the others answer with a new private message.
def _button(show: Any, turns_page: bool = False) -> Any:
    def listener(ack: Any, body: dict[str, Any], respond: Any, context: Any) -> None:
        ack()
        member: MemberView = context["member"]
        value = body["actions"][0]["value"]
        replace_original = turns_page
        try:
            message = show(context["core"], member, value)
        except DomainError as error:
            text = f":warning: {t(error.key, member.language, **error.params)}"
            message, replace_original = Rendered(text=text, blocks=[section(text)]), False
        respond(
            text=message.text,
            blocks=message.block_dicts(),
            response_type="ephemeral",
            replace_original=replace_original,
        )

    return listener


BUTTONS = {
    "orders.status": _button(_status_card),
    "orders.history": _button(order_pages.history_page),
    "orders.watch": _button(lambda core, member, number: _watch(core, member, number, True)),
    "orders.unwatch": _button(lambda core, member, number: _watch(core, member, number, False)),
}
PAGE_BUTTONS = {
    order_pages.LIST_PAGE: _button(order_pages.list_from_value, turns_page=True),
    order_pages.HISTORY_PAGE: _button(order_pages.history_from_value, turns_page=True),
}
NOTICES = {STAGE_CHANGED: render_stage_changed}
ROUTES = order_api.ROUTES
