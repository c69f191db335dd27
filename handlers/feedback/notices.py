"""Feedback messages the outbox sends, and the "Start" button on the assignee's DM."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot import feedback
from bot.errors import DomainError
from bot.feedback.vocabulary import category_name
from bot.i18n import t
from bot.notify import Outgoing

from ..blocks import Rendered, actions, button, context, fields, section
from ..mrkdwn import mention
from .render import local_time, severity_label

START_ACTION = "feedback_start"


def register(app: Any) -> None:
    app.action(START_ACTION)(on_start)


def _summary(message: Outgoing, key: str) -> str:
    p = message.payload
    return t(
        key,
        message.language,
        id=p["id"],
        customer=p["customer"],
        by=mention(p.get("by")),
        reporter=mention(p.get("reporter")),
        assignee=mention(p.get("assignee")),
        severity=severity_label(p["severity"], message.language),
    )


def _facts(message: Outgoing) -> Any:
    p, lang = message.payload, message.language

    def due(name: str) -> str:
        return local_time(datetime.fromisoformat(p[name]), message.timezone)

    pairs = [
        (t("feedback.field.severity", lang), severity_label(p["severity"], lang)),
        (t("feedback.field.category", lang), category_name(p["category"], lang)),
        (t("feedback.field.order_label", lang), p.get("order") or "—"),
        (t("feedback.field.assignee", lang), mention(p.get("assignee"))),
        (t("feedback.field.response_due", lang), due("first_response_due_at")),
        (t("feedback.field.resolution_due", lang), due("resolution_due_at")),
    ]
    return fields(*pairs)


def _quote(text: str) -> str:
    return "\n".join(f"> {row}" for row in text.splitlines() or [""])


def _show_hint(message: Outgoing, key: str = "feedback.notice.details") -> Any:
    return context(t(key, message.language, id=message.payload["id"]))


def render_assigned(message: Outgoing) -> Rendered:
    text = _summary(message, "feedback.notice.assigned")
    start = button(
        t("feedback.notice.start", message.language),
        START_ACTION,
        str(message.payload["id"]),
        style="primary",
    )
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


def on_start(ack: Any, body: dict[str, Any], context: Any, respond: Any) -> None:
    """Start work from the DM; pressing twice (or Slack re-sending) changes nothing more."""
    ack()
    member = context["member"]
    lang = member.language
    value = str(body["actions"][0].get("value") or "")
    try:
        item_id = feedback.item_id(value)
        with context["core"].unit() as unit:
            change = feedback.start(unit, member.slack_id, item_id)
    except DomainError as error:
        respond(text=f":warning: {t(error.key, lang, **error.params)}", replace_original=False)
        return
    key = "feedback.done.started" if change.changed else "feedback.done.started_already"
    respond(text=f":white_check_mark: {t(key, lang, id=item_id)}", replace_original=False)
