"""/order: where an order stands, its history and list; sales and logistics change orders.

Also the buttons on order messages, the "new order" modal, the stage-change renderer and
the ERP webhook route (POST /api/orders/<number>).
"""

from __future__ import annotations

from typing import Any

from bot import orders, team
from bot.errors import DomainError, InvalidInput
from bot.i18n import t
from bot.orders import pipeline
from bot.orders.alerts import STAGE_CHANGED
from bot.team import MemberView

from . import order_api, order_modal
from .app import fetch_profile
from .blocks import Rendered, section
from .common import Command, Reply, Request, user_id_from
from .order_args import field_values, list_filters, number_and_rest
from .order_blocks import (
    history_message,
    list_message,
    render_stage_changed,
    status_message,
    summary_of_changes,
)

command = Command("/order", "orders.title")
SOURCE = "command"


def register(app: Any) -> None:
    command.register(app)
    for action_id, handler in BUTTONS.items():
        app.action(action_id)(handler)
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
    values = _learned(request, field_values(rest))
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
    values = _learned(request, field_values(rest))
    if not values:
        raise InvalidInput("common.error.bad_arguments")
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


def _learned(request: Request, values: dict[str, str]) -> dict[str, str]:
    """Meet a mentioned owner Slack has not introduced yet, so the owner check knows them."""
    owner = user_id_from(values.get("owner", ""))
    if owner:
        with request.core.unit() as unit:
            known = team.find(unit, owner)
        if known is None:
            profile = fetch_profile(request.client, owner)
            with request.core.unit() as unit:
                team.upsert_profile(unit, profile)
    return values


@command.sub("list", "orders.usage.list", "ls", "列表")
def list_(request: Request) -> Reply:
    stage, customer, late = list_filters(request.args)
    with request.core.unit() as unit:
        found = orders.list_orders(unit, stage=stage, customer=customer, late=late)
        today = unit.now.astimezone(request.member.zone).date()
        message = list_message(unit.settings, found.orders, found.total, request.lang, today)
    return Reply(message)


@command.sub("history", "orders.usage.history", "log", "历史")
def history(request: Request) -> Reply:
    number, _ = number_and_rest(request.args)
    return Reply(_history(request.core, request.member, number))


def _history(core: Any, member: MemberView, number: str) -> Rendered:
    with core.unit() as unit:
        order, changes = orders.history(unit, number)
        return history_message(unit.settings, order, changes, member.language, member.zone)


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


# Buttons on status cards and notifications. Each only reads or sets a state, so a second
# press (or Slack re-sending one) changes nothing more.
def _button(show: Any) -> Any:
    def listener(ack: Any, body: dict[str, Any], respond: Any, context: Any) -> None:
        ack()
        member: MemberView = context["member"]
        number = body["actions"][0]["value"]
        try:
            message = show(context["core"], member, number)
        except DomainError as error:
            text = f":warning: {t(error.key, member.language, **error.params)}"
            message = Rendered(text=text, blocks=[section(text)])
        respond(
            text=message.text,
            blocks=message.block_dicts(),
            response_type="ephemeral",
            replace_original=False,
        )

    return listener


BUTTONS = {
    "orders.status": _button(_status_card),
    "orders.history": _button(_history),
    "orders.watch": _button(lambda core, member, number: _watch(core, member, number, True)),
    "orders.unwatch": _button(lambda core, member, number: _watch(core, member, number, False)),
}
RENDERERS = {STAGE_CHANGED: render_stage_changed}
ROUTES = order_api.ROUTES
