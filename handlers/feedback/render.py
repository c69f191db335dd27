"""How feedback looks in Slack: list lines, an item with its story, a customer at a glance.

Times are shown in the reader's time zone; durations the way people say them ("3h 20m").
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.feedback import CustomerOverview, FeedbackDetail, FeedbackView, HistoryEntry, humanize
from bot.feedback.vocabulary import category_name, severity_name, status_name
from bot.i18n import t
from bot.orders.pipeline import stage_name

from ..blocks import Rendered, chunk_lines, context, fields, header, section
from ..common import mention

SEVERITY_ICONS = {
    "critical": ":red_circle:",
    "high": ":large_orange_circle:",
    "normal": ":large_blue_circle:",
    "low": ":white_circle:",
}
WARNING = ":warning:"
SHOWN_ITEMS = 10  # per list in a customer overview; the rest are a /feedback list away


def local_time(instant: datetime, timezone: str) -> str:
    return instant.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M")


def severity_label(key: str, lang: str) -> str:
    return f"{SEVERITY_ICONS.get(key, '')} {severity_name(key, lang)}".strip()


def subject(item: FeedbackView, lang: str) -> str:
    """`#12 ACME Trading · order PO-1`."""
    order = f" · {t('feedback.field.order', lang)} {item.order_number}" if item.order_number else ""
    return f"#{item.id} {item.customer_name}{order}"


def line(item: FeedbackView, lang: str) -> str:
    parts = [
        f"*{subject(item, lang)}*",
        category_name(item.category, lang),
        severity_label(item.severity, lang),
        status_name(item.status, lang),
        mention(item.assignee_id),
        sla_summary(item, lang),
    ]
    return "• " + " · ".join(parts) + f"\n    {_excerpt(item.text)}"


def _excerpt(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def sla_summary(item: FeedbackView, lang: str) -> str:
    """Short SLA state for a list line: response and resolution times, or how late."""
    return f"{first_response_text(item, lang, None)}; {resolution_text(item, lang, None)}"


def first_response_text(item: FeedbackView, lang: str, timezone: str | None) -> str:
    """In a list (no time zone): "first response in 3h 20m". In an item's own view, the
    label says what it is, so just "3h 20m", or how long it has waited and until when."""
    took = item.time_to_first_response
    if took is not None:
        text = humanize(took, lang) if timezone else _took("responded_in", took, lang)
    else:
        text = t("feedback.sla.no_response", lang, duration=humanize(item.waiting, lang))
        text += _due(item.first_response_due_at, lang, timezone)
    return text + _late(item.first_response_due_at, item.first_responded_at, item, lang)


def resolution_text(item: FeedbackView, lang: str, timezone: str | None) -> str:
    took = item.time_to_resolution
    if took is not None:
        text = humanize(took, lang) if timezone else _took("resolved_in", took, lang)
    else:
        text = t("feedback.sla.unresolved", lang)
        text += _due(item.resolution_due_at, lang, timezone)
    return text + _late(item.resolution_due_at, item.resolved_at, item, lang)


def _took(key: str, duration: timedelta, lang: str) -> str:
    return t(f"feedback.sla.{key}", lang, duration=humanize(duration, lang))


def _due(due_at: datetime, lang: str, timezone: str | None) -> str:
    return (
        f" ({t('feedback.sla.due', lang, when=local_time(due_at, timezone))})" if timezone else ""
    )


def _late(due_at: datetime, done_at: datetime | None, item: FeedbackView, lang: str) -> str:
    finished = done_at or item.as_of
    if finished <= due_at:
        return ""
    return f" {WARNING} " + t("feedback.sla.late", lang, duration=humanize(finished - due_at, lang))


def detail_message(detail: FeedbackDetail, lang: str, timezone: str) -> Rendered:
    item = detail.item
    title = subject(item, lang)
    blocks: list[Any] = [header(title), fields(*_detail_fields(item, lang, timezone))]
    blocks.append(section(f"*{t('feedback.field.text', lang)}*\n{item.text}"))
    if item.resolution:
        blocks.append(section(f"*{t('feedback.field.resolution_text', lang)}*\n{item.resolution}"))
    blocks += _story(detail, lang, timezone)
    return Rendered(text=title, blocks=blocks)


def _detail_fields(item: FeedbackView, lang: str, timezone: str) -> list[tuple[str, str]]:
    def label(key: str) -> str:
        return t(f"feedback.field.{key}", lang)

    return [
        (label("status"), status_name(item.status, lang)),
        (label("severity"), severity_label(item.severity, lang)),
        (label("category"), category_name(item.category, lang)),
        (label("assignee"), mention(item.assignee_id)),
        (label("reporter"), mention(item.reporter_id)),
        (label("logged"), local_time(item.created_at, timezone)),
        (label("first_response"), first_response_text(item, lang, timezone)),
        (label("resolution"), resolution_text(item, lang, timezone)),
    ]


def _story(detail: FeedbackDetail, lang: str, timezone: str) -> list[Any]:
    lines = [
        f"{local_time(c.created_at, timezone)} {mention(c.author_id)}: {c.text}"
        for c in detail.comments
    ]
    blocks: list[Any] = []
    if lines:
        blocks.append(section(f"*{t('feedback.field.comments', lang)}*"))
        blocks += [section(chunk) for chunk in chunk_lines(lines)[-5:]]
    history = [history_line(entry, lang, timezone) for entry in detail.history]
    blocks.append(context(f"*{t('feedback.field.history', lang)}*\n" + "\n".join(history[-15:])))
    return blocks


def history_line(entry: HistoryEntry, lang: str, timezone: str) -> str:
    detail = entry.detail or ""
    if entry.action in ("created", "assigned"):
        detail = mention(entry.detail)
    elif entry.action == "severity":
        detail = severity_name(entry.detail or "", lang)
    text = t(f"feedback.history.{entry.action}", lang, actor=mention(entry.actor_id), detail=detail)
    return f"{local_time(entry.created_at, timezone)} · {text}"


def overview_message(overview: CustomerOverview, settings: Settings, lang: str) -> Rendered:
    name = overview.customer.name
    title = t("feedback.customer.title", lang, customer=name)
    blocks: list[Any] = [header(title)]
    owner = t("feedback.customer.owner", lang, owner=mention(overview.customer.owner_id))
    blocks.append(context(owner + " · " + t("feedback.customer.total", lang, count=overview.total)))
    blocks.append(section(_orders_text(overview, settings, lang)))
    blocks.append(section(_counts_text(overview, lang)))
    blocks += _items_section("feedback.customer.open", overview.open_items, lang, name)
    blocks += _items_section("feedback.customer.recent", overview.recent, lang, name)
    return Rendered(text=title, blocks=blocks)


def _orders_text(overview: CustomerOverview, settings: Settings, lang: str) -> str:
    heading = f"*{t('feedback.customer.orders', lang)}*"
    if not overview.orders:
        return f"{heading}\n{t('feedback.customer.no_orders', lang)}"
    rows = [f"• {o.number} · {stage_name(settings, o.stage, lang)}" for o in overview.orders]
    return "\n".join([heading, *rows])


def _counts_text(overview: CustomerOverview, lang: str) -> str:
    heading = f"*{t('feedback.customer.by_category', lang)}*"
    counts = [f"{category_name(key, lang)}: {count}" for key, count in overview.by_category.items()]
    return f"{heading}\n" + (" · ".join(counts) or t("feedback.customer.none", lang))


def _items_section(key: str, items: list[FeedbackView], lang: str, customer: str) -> list[Any]:
    lines = [line(item, lang) for item in items[:SHOWN_ITEMS]] or [
        t("feedback.customer.none", lang)
    ]
    if len(items) > SHOWN_ITEMS:
        more = len(items) - SHOWN_ITEMS
        lines.append(t("feedback.customer.more", lang, count=more, customer=customer))
    chunks = chunk_lines([f"*{t(key, lang, count=len(items))}*", *lines])
    return [section(chunk) for chunk in chunks]
