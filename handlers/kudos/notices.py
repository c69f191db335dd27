"""Renderers for what kudos send through the outbox (see bot/kudos/notices.py)."""

from __future__ import annotations

from bot.notify import Outgoing

from ..blocks import Rendered, section
from ..mrkdwn import escape, mention
from .render import people


def thanks(message: Outgoing) -> Rendered:
    payload = message.payload
    text = message.viewer.t(
        "kudos.notice.thanks", giver=mention(payload["giver"]), people=people(payload["thanked"]),
        reason=escape(payload["reason"]),
    )  # fmt: skip
    return Rendered(text=text, blocks=[section(text)])


def thanked(message: Outgoing) -> Rendered:
    payload = message.payload
    text = message.viewer.t(
        "kudos.notice.thanked", giver=mention(payload["giver"]), reason=escape(payload["reason"])
    )
    return Rendered(text=text, blocks=[section(text)])


NOTICES = {"kudos.thanks": thanks, "kudos.thanked": thanked}
