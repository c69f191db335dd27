"""Renderers for what orders send through the outbox, in each recipient's language."""

from __future__ import annotations

from datetime import date

from bot.notify import Outgoing
from bot.orders import STAGE_CHANGED

from ..blocks import Rendered, actions, button, context, section
from ..notifier import Renderer
from .texts import actor_text, day_text


def render_stage_changed(outgoing: Outgoing) -> Rendered:
    """A stage change, in the reader's language (stage names travel in both)."""
    viewer, payload = outgoing.viewer, outgoing.payload
    lang = viewer.language
    text = viewer.t(
        "orders.notify.stage_changed",
        number=payload["number"],
        customer=payload["customer"],
        old=payload["from"].get(lang) or payload["from"]["en"],
        new=payload["to"].get(lang) or payload["to"]["en"],
    )
    details = [viewer.t("orders.notify.by", actor=actor_text(payload["actor"], viewer))]
    if payload.get("eta"):
        eta = day_text(date.fromisoformat(payload["eta"]), viewer)
        details.append(viewer.t("orders.notify.eta", eta=eta))
    if payload.get("sla_days"):
        details.append(viewer.t("orders.notify.sla", sla=payload["sla_days"]))
    number = payload["number"]
    buttons = actions(
        button(viewer.t("orders.button.status"), "orders.status", number),
        button(viewer.t("orders.button.history"), "orders.history", number),
    )
    return Rendered(text=text, blocks=[section(text), context(" · ".join(details)), buttons])


NOTICES: dict[str, Renderer] = {STAGE_CHANGED: render_stage_changed}
