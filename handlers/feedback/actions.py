"""The "Start" button on the assignee's DM."""

from __future__ import annotations

from typing import Any

from bot import feedback

from ..blocks import Rendered
from ..interactions import Press, on_press
from .render import done_message

START = "feedback.item.start"
# What DMs sent before the action ids had one scheme carry; those DMs stay in Slack.
LEGACY_START = "feedback_start"


def register(app: Any) -> None:
    for action_id in (START, LEGACY_START):
        app.action(action_id)(on_press(start))


def start(press: Press) -> Rendered:
    """Start work from the DM; pressing twice (or Slack re-sending) changes nothing more."""
    item_id = feedback.item_id(press.value)
    change = feedback.start(press.core, press.member.slack_id, item_id)
    key = "feedback.done.started" if change.changed else "feedback.done.started_already"
    return done_message(press.viewer().t(key, id=item_id))
