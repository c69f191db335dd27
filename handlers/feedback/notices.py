"""Feedback messages the outbox sends (the kinds bot.feedback.notices enqueues)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.notify import Outgoing

from ..blocks import Rendered, actions, button, context, fields, section
from ..mrkdwn import mention
from .actions import START
from .render import category_name, local_time, severity_label


def _summary(message: Outgoing, key: str) -> str:
    p, viewer = message.payload, message.viewer
    return viewer.t(
        key,
        id=p["id"],
        customer=p["customer"],
        by=mention(p.get("by")),
        reporter=mention(p.get("reporter")),
        assignee=mention(p.get("assignee")),
        severity=severity_label(p["severity"], viewer),
    )


def _facts(message: Outgoing) -> Any:
    p, viewer = message.payload, message.viewer

    def due(name: str) -> str:
        return local_time(datetime.fromisoformat(p[name]), viewer)

    pairs = [
        (viewer.t("feedback.field.severity"), severity_label(p["severity"], viewer)),
        (viewer.t("feedback.field.category"), category_name(p["category"], viewer)),
        (viewer.t("feedback.field.order_label"), p.get("order") or "—"),
        (viewer.t("feedback.field.assignee"), mention(p.get("assignee"))),
        (viewer.t("feedback.field.response_due"), due("first_response_due_at")),
        (viewer.t("feedback.field.resolution_due"), due("resolution_due_at")),
    ]
    return fields(*pairs)


def _quote(text: str) -> str:
    return "\n".join(f"> {row}" for row in text.splitlines() or [""])


def _show_hint(message: Outgoing, key: str = "feedback.notice.details") -> Any:
    return context(message.viewer.t(key, id=message.payload["id"]))


def render_assigned(message: Outgoing) -> Rendered:
    text = _summary(message, "feedback.notice.assigned")
    label = message.viewer.t("feedback.notice.start")
    start = button(label, START, str(message.payload["id"]), style="primary")
    blocks = [section(text), section(_quote(message.payload["text"])), _facts(message)]
    blocks += [actions(start), _show_hint(message, "feedback.notice.show_hint")]
    return Rendered(text=text, blocks=blocks)


def render_urgent(message: Outgoing) -> Rendered:
    text = _summary(message, "feedback.notice.urgent")
    blocks = [section(text), section(_quote(message.payload["text"])), _facts(message)]
    return Rendered(text=text, blocks=[*blocks, _show_hint(message)])


def render_resolved(message: Outgoing) -> Rendered:
    text = _summary(message, "feedback.notice.resolved")
    resolution = _quote(message.payload.get("resolution") or "")
    return Rendered(text=text, blocks=[section(text), section(resolution), _show_hint(message)])


def render_reopened(message: Outgoing) -> Rendered:
    text = _summary(message, "feedback.notice.reopened")
    return Rendered(text=text, blocks=[section(text), _show_hint(message)])


RENDERERS = {
    "feedback.assigned": render_assigned,
    "feedback.urgent": render_urgent,
    "feedback.resolved": render_resolved,
    "feedback.reopened": render_reopened,
}
