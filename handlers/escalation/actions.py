"""Acknowledge, and Done / Mark paid / Resolve, on an escalation message. Both are
idempotent: a second press (by anyone) changes nothing and says who was first."""

from __future__ import annotations

from typing import Any

from bot import escalation

from ..blocks import Rendered
from ..interactions import Press, on_press
from .render import ACKNOWLEDGE_ACTION, SETTLE_ACTION, acknowledge_answer, ended_answer


def register(app: Any) -> None:
    app.action(ACKNOWLEDGE_ACTION)(on_press(acknowledge, replaces=True))
    app.action(SETTLE_ACTION)(on_press(settle, replaces=True))


def acknowledge(press: Press) -> Rendered:
    done = escalation.acknowledge(press.core, press.member.slack_id, press.number())
    channel = str((press.body.get("channel") or {}).get("id") or "")
    in_channel = bool(channel) and not channel.startswith("D")
    return acknowledge_answer(done.chain, done.first, press.viewer(), in_channel=in_channel)


def settle(press: Press) -> Rendered:
    settled = escalation.settle(press.core, press.member.slack_id, press.number())
    return ended_answer(settled.chain, press.viewer(), already=not settled.changed)
