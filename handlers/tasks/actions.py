"""Task buttons, the "Create task from message" shortcut and App Home being opened.

Buttons are idempotent: Done on a done task changes nothing and sends nothing; Snooze carries
the due time it showed, so a second press finds the task already moved.
"""

from __future__ import annotations

import html
import logging
from datetime import UTC, datetime
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import tasks
from bot.errors import InvalidInput
from bot.viewer import Viewer

from ..blocks import Rendered
from ..interactions import Press, on_press, share
from .home import publish_home, refresh_homes
from .modals import open_create_form
from .render import (
    DONE_ACTION,
    NEW_ACTION,
    NEXT_ACTION,
    PREVIOUS_ACTION,
    SHARE_ACTION,
    SNOOZE_ACTION,
    after_press,
    detail_message,
    list_message,
)

log = logging.getLogger(__name__)

SHORTCUT_CALLBACK = "create_task_from_message"  # as declared in manifest.yml
# Buttons posted before the action ids had the `tasks.` scheme are still in people's DMs.
EARLIER_ACTION_IDS = {
    DONE_ACTION: "task_done",
    SNOOZE_ACTION: "task_snooze",
    NEW_ACTION: "task_new",
    PREVIOUS_ACTION: "task_list_page_prev",
    NEXT_ACTION: "task_list_page_next",
}


def register(app: Any) -> None:
    listeners = {
        DONE_ACTION: on_press(complete, replaces=True),
        SNOOZE_ACTION: on_press(snooze, replaces=True),
        NEW_ACTION: on_press(new_task),
        PREVIOUS_ACTION: on_press(turn_page, replaces=True),
        NEXT_ACTION: on_press(turn_page, replaces=True),
    }
    for action_id, listener in listeners.items():
        app.action(action_id)(listener)
        app.action(EARLIER_ACTION_IDS[action_id])(listener)
    app.action(SHARE_ACTION)(on_press(share_task))
    app.shortcut(SHORTCUT_CALLBACK)(on_message_shortcut)
    app.event("app_home_opened")(on_home_opened)


# -- buttons --------------------------------------------------------------------------------


def complete(press: Press) -> Rendered | None:
    change = tasks.set_status(press.core, press.member.slack_id, press.number(), tasks.DONE)
    return _answer(press, change)


def snooze(press: Press) -> Rendered | None:
    raw_id, _, seen = press.value.partition(":")
    seen_due = None if seen in ("", "none") else _instant(press.number(seen))
    change = tasks.postpone(press.core, press.member.slack_id, press.number(raw_id), seen_due)
    return _answer(press, change, "tasks.done.snoozed")


def share_task(press: Press) -> None:
    """The task as it stands now, posted for everyone in the channel."""
    found = tasks.show(press.core, press.number())
    share(press, detail_message(found, press.channel_viewer(), shared_by=press.member.slack_id))


def _instant(timestamp: int) -> datetime:
    try:
        return datetime.fromtimestamp(timestamp, UTC)
    except (OverflowError, OSError, ValueError) as error:
        raise InvalidInput("common.error.bad_button") from error


def _answer(press: Press, change: tasks.Change, headline_key: str | None = None) -> Rendered | None:
    """The pressed card redrawn (App Home is republished instead), then the Homes it changed."""
    # From App Home, a repeated press (nothing changed) still redraws the presser's Home.
    me = press.member.slack_id
    homes = change.affected + ((me,) if press.in_home and me not in change.affected else ())
    press.afterwards.append(lambda: refresh_homes(press.core, press.client, homes))
    return None if press.in_home else after_press(change, press.viewer(), headline_key)


def turn_page(press: Press) -> Rendered:
    scope, person, number = _page_of(press)
    found = tasks.list_page(press.core, press.member.slack_id, scope, person, number)
    return list_message(found, press.viewer())


def _page_of(press: Press) -> tuple[str, str | None, int]:
    """What render.page_value put on the button: `scope:person:page`."""
    parts = press.value.split(":")
    if len(parts) != 3:
        raise InvalidInput("common.error.bad_button")
    scope, person, number = parts
    return scope, person or None, press.number(number)


def new_task(press: Press) -> None:
    open_create_form(press.client, press.body["trigger_id"], press.viewer())


# -- the message shortcut and App Home ------------------------------------------------------


def on_message_shortcut(
    ack: Any, shortcut: dict[str, Any], client: WebClient, context: Any
) -> None:
    ack()
    message = shortcut.get("message") or {}
    channel = (shortcut.get("channel") or {}).get("id")
    ts = shortcut.get("message_ts")
    # Asked now, not on submit: a form's submission must be answered within 3 seconds.
    permalink = _permalink(client, channel, ts)
    source = {"channel": channel, "ts": ts, "permalink": permalink, "reply_channel": channel}
    title = " ".join(html.unescape(str(message.get("text") or "")).split())
    viewer = Viewer.of(context["member"], context["core"].clock.now())
    open_create_form(client, shortcut["trigger_id"], viewer, title, source)


def _permalink(client: WebClient, channel: str | None, ts: str | None) -> str | None:
    if not channel or not ts:
        return None
    try:
        return client.chat_getPermalink(channel=channel, message_ts=ts).get("permalink")
    except SlackApiError as error:  # the task still keeps the channel and ts
        log.warning("chat.getPermalink failed: %s", error.response.get("error"))
        return None


def on_home_opened(event: dict[str, Any], client: WebClient, context: Any) -> None:
    if event.get("tab", "home") == "home":
        publish_home(context["core"], client, event["user"])
