"""The escalation messages the outbox sends: the alert to whose it is, each level's message,
"acknowledged" and "ended" to everyone told, and the member's morning list."""

from __future__ import annotations

from bot.escalation import notice_of
from bot.lateness import agenda_of
from bot.notify import Outgoing

from ..blocks import Rendered
from . import render


def render_alert(outgoing: Outgoing) -> Rendered:
    return render.alert_message(notice_of(outgoing.payload), outgoing.viewer)


def render_step(outgoing: Outgoing) -> Rendered:
    return render.step_message(notice_of(outgoing.payload), outgoing.viewer)


def render_acknowledged(outgoing: Outgoing) -> Rendered:
    return render.acknowledged_message(notice_of(outgoing.payload), outgoing.viewer)


def render_ended(outgoing: Outgoing) -> Rendered:
    return render.ended_message(notice_of(outgoing.payload), outgoing.viewer)


def render_morning(outgoing: Outgoing) -> Rendered:
    lines = [agenda_of(line) for line in outgoing.payload["lines"]]
    return render.morning_message(outgoing.payload["day"], lines, outgoing.viewer)


NOTICES = {
    "escalation.alert": render_alert,
    "escalation.step": render_step,
    "escalation.acknowledged": render_acknowledged,
    "escalation.ended": render_ended,
    "escalation.morning": render_morning,
}
