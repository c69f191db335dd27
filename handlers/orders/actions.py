"""Buttons on status cards, stage-change messages and pages.

Each only reads or sets a state, so a second press (or Slack re-sending one) changes nothing
more. A page button replaces the page it is on; the others answer with a private message.
"""

from __future__ import annotations

import json
import re
from typing import Any

from bot import orders
from bot.errors import InvalidInput

from ..blocks import Rendered
from ..interactions import Press, on_press, share
from .render import (
    HISTORY_PAGE,
    LIST_PAGE,
    SHARE_ACTION,
    history_message,
    list_message,
    status_message,
    watch_message,
)

# Pages sent before the action ids had one scheme carry these; they are ephemeral, but a page
# open when the bot was upgraded still turns.
EARLIER_PAGE_ACTIONS = {LIST_PAGE: "orders.list_page", HISTORY_PAGE: "orders.history_page"}


def register(app: Any) -> None:
    app.action("orders.status")(on_press(status))
    app.action("orders.history")(on_press(history))
    app.action("orders.watch")(on_press(watch))
    app.action("orders.unwatch")(on_press(unwatch))
    app.action(SHARE_ACTION)(on_press(share_status))
    app.action(_page_turns(LIST_PAGE))(on_press(list_page, replaces=True))
    app.action(_page_turns(HISTORY_PAGE))(on_press(history_page, replaces=True))


def _page_turns(action: str) -> re.Pattern[str]:
    """`<action>.prev` and `<action>.next`, under the name pages had before too."""
    names = "|".join(re.escape(each) for each in (action, EARLIER_PAGE_ACTIONS[action]))
    return re.compile(rf"^({names})\.(prev|next)$")


def status(press: Press) -> Rendered:
    found = orders.status_of(press.core, press.value, press.member.slack_id)
    return status_message(found, press.viewer())


def share_status(press: Press) -> None:
    """The card as the order stands now, posted for everyone in the channel."""
    found = orders.status_of(press.core, press.value, press.member.slack_id)
    share(press, status_message(found, press.channel_viewer(), shared_by=press.member.slack_id))


def history(press: Press) -> Rendered:
    return history_message(orders.history_page(press.core, press.value), press.viewer())


def watch(press: Press) -> Rendered:
    return _watch(press, watching=True)


def unwatch(press: Press) -> Rendered:
    return _watch(press, watching=False)


def _watch(press: Press, watching: bool) -> Rendered:
    change = orders.set_watching(press.core, press.member.slack_id, press.value, watching)
    return watch_message(change, press.viewer())


def list_page(press: Press) -> Rendered:
    fields = _page_value(press)
    stage, customer = _text(fields, "stage"), _text(fields, "customer")
    query = orders.ListQuery(stage, customer, bool(fields.get("late")), _page(press, fields))
    return list_message(orders.list_page(press.core, query), press.viewer())


def history_page(press: Press) -> Rendered:
    fields = _page_value(press)
    number = _text(fields, "number")
    if number is None:
        raise InvalidInput("common.error.bad_button")
    found = orders.history_page(press.core, number, _page(press, fields))
    return history_message(found, press.viewer())


def _page_value(press: Press) -> dict[str, Any]:
    """What render.py put in the button: the query and the page, as JSON."""
    try:
        fields = json.loads(press.value)
    except ValueError:
        fields = None
    if not isinstance(fields, dict):
        raise InvalidInput("common.error.bad_button")
    return fields


def _text(fields: dict[str, Any], name: str) -> str | None:
    value = fields.get(name)
    if value is not None and not isinstance(value, str):
        raise InvalidInput("common.error.bad_button")
    return value


def _page(press: Press, fields: dict[str, Any]) -> int:
    return press.number(str(fields.get("page", 1)))
