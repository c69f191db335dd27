"""Buttons on standup messages: Answer / Edit and Skip today on the prompt, I'll help on a
blocker. Each acts once however often it is pressed."""

from __future__ import annotations

from typing import Any

from bot import standups

from ..blocks import Rendered
from ..interactions import Press, on_press
from ..mrkdwn import mention
from .modals import open_form
from .render import done

ANSWER_ACTION = "standups.prompt.answer"
SKIP_ACTION = "standups.prompt.skip"
HELP_ACTION = "standups.blocker.help"


def register(app: Any) -> None:
    app.action(ANSWER_ACTION)(on_press(answer))
    app.action(SKIP_ACTION)(on_press(skip))
    app.action(HELP_ACTION)(on_press(help_with_blocker))


def answer(press: Press) -> None:
    form = standups.entry_form(press.core, press.member.slack_id, press.number())
    open_form(press.client, str(press.body.get("trigger_id") or ""), form, press.viewer())


def skip(press: Press) -> Rendered:
    skipped = standups.skip(press.core, press.member.slack_id, press.number())
    key = "standups.done.skipped" if skipped.changed else "standups.done.already_closed"
    return done(press.viewer().t(key))


def help_with_blocker(press: Press) -> Rendered:
    helping = standups.help_with_blocker(press.core, press.member.slack_id, press.number())
    viewer = press.viewer()
    if helping.first:
        return done(viewer.t("standups.done.helping", member=mention(helping.member_id)))
    return done(viewer.t("standups.done.already_helping", helper=mention(helping.helper_id)))
