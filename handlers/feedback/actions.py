"""The "Start" button on the assignee's DM, and "Share in channel" on an item."""

from __future__ import annotations

from typing import Any

from bot import feedback

from ..blocks import Rendered
from ..interactions import Press, on_press, share
from .render import SHARE_ACTION, detail_message, done_message

START = "feedback.item.start"
# What DMs sent before the action ids had one scheme carry; those DMs stay in Slack.
LEGACY_START = "feedback_start"


def register(app: Any) -> None:
    for action_id in (START, LEGACY_START):
        app.action(action_id)(on_press(start))
    app.action(SHARE_ACTION)(on_press(share_item))


def share_item(press: Press) -> None:
    """The item as it stands now, posted for everyone in the channel."""
    found = feedback.detail(press.core, feedback.item_id(press.value))
    share(press, detail_message(found, press.channel_viewer(), shared_by=press.member.slack_id))


def start(press: Press) -> Rendered:
    """Start work from the DM; pressing twice (or Slack re-sending) changes nothing more."""
    item_id = feedback.item_id(press.value)
    change = feedback.start(press.core, press.member.slack_id, item_id)
    key = "feedback.done.started" if change.changed else "feedback.done.started_already"
    return done_message(press.viewer().t(key, id=item_id))
