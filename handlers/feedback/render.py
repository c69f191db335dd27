"""How feedback looks in Slack: list lines, an item with its story, a customer at a glance.

Times are shown in the reader's time zone; durations the way people say them ("3h 20m").
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.feedback import (
    CustomerOverview,
    FeedbackDetail,
    FeedbackView,
    HistoryEntry,
    OrderLine,
    humanize,
)
from bot.feedback.vocabulary import category_name, severity_name, status_name
from bot.i18n import t
from bot.orders.pipeline import stage_name

from ..blocks import Rendered, chunk_lines, context, fields, header, section
from ..mrkdwn import mention

SEVERITY_ICONS = {
    "critical": ":red_circle:",
    "high": ":large_orange_circle:",
    "normal": ":large_blue_circle:",
    "low": ":white_circle:",
}
WARNING = ":warning:"
SHOWN_COMMENTS = 10  # the latest; older ones are counted, so none vanish unannounced
SHOWN_HISTORY = 30
HISTORY_DETAIL = 200  # a resolution or reason in a history line; the item shows it whole


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
    return "• " + " · ".join(parts) + f"\n    {excerpt(item.text)}"


def excerpt(text: str, limit: int = 120) -> str:
    """The text on one line, cut at `limit` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def sla_summary(item: FeedbackView, lang: str) -> str:
    """Short SLA state for a list line: response and resolution times, or how late."""
    response, resolution = first_response_text(item, lang, None), resolution_text(item, lang, None)
    return t("feedback.sla.summary", lang, response=response, resolution=resolution)


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
    return t("feedback.sla.due", lang, when=local_time(due_at, timezone)) if timezone else ""


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
    """Comments (each in full) and the history, the latest of each when there are many."""
    comments = [
        f"{local_time(c.created_at, timezone)} {mention(c.author_id)}: {c.text}"
        for c in detail.comments
    ]
    history = [history_line(entry, lang, timezone) for entry in detail.history]
    sections = _latest("comments", comments, SHOWN_COMMENTS, lang) if comments else []
    sections += _latest("history", history, SHOWN_HISTORY, lang)
    return [section(chunk) for chunk in sections]


def _latest(field: str, lines: list[str], shown: int, lang: str) -> list[str]:
    """A heading and the last `shown` lines, saying how many earlier ones are left out."""
    heading = f"*{t(f'feedback.field.{field}', lang)}*"
    if len(lines) > shown:
        earlier = t("feedback.field.earlier", lang, count=len(lines) - shown)
        heading += f" _{earlier}_"
    return chunk_lines([heading, *lines[-shown:]])


def history_line(entry: HistoryEntry, lang: str, timezone: str) -> str:
    action, detail = entry.action, excerpt(entry.detail or "", HISTORY_DETAIL)
    if action in ("created", "assigned"):
        detail = mention(entry.detail)
    elif action == "severity":
        detail = severity_name(entry.detail or "", lang)
    elif action == "reopened" and not detail:
        action = "reopened_no_reason"
    text = t(f"feedback.history.{action}", lang, actor=mention(entry.actor_id), detail=detail)
    return f"{local_time(entry.created_at, timezone)} · {text}"


def overview_message(overview: CustomerOverview, settings: Settings, lang: str) -> Rendered:
    name = overview.customer.name
    title = t("feedback.customer.title", lang, customer=name)
    blocks: list[Any] = [header(title)]
    owner = t("feedback.customer.owner", lang, owner=mention(overview.customer.owner_id))
    blocks.append(context(owner + " · " + t("feedback.customer.total", lang, count=overview.total)))
    blocks.append(section(_orders_text(overview, settings, lang)))
    blocks.append(section(_counts_text(overview, lang)))
    open_heading = t("feedback.customer.open", lang, count=overview.open_total)
    more = overview.open_total - len(overview.open_items)
    blocks += _items_section(open_heading, overview.open_items, more, lang, name)
    recent_heading = t("feedback.customer.recent", lang)
    blocks += _items_section(recent_heading, overview.recent, 0, lang, name)
    return Rendered(text=title, blocks=blocks)


def _orders_text(overview: CustomerOverview, settings: Settings, lang: str) -> str:
    """Running orders, a pointer to the rest of them, and how many have finished."""
    found, name = overview.orders, overview.customer.name
    heading = f"*{t('feedback.customer.orders', lang, count=found.running_total)}*"
    rows = [_order_row(order, settings, lang) for order in found.running]
    if not found.running:
        rows.append(t("feedback.customer.no_orders", lang))
    more = found.running_total - len(found.running)
    if more > 0:
        rows.append(t("feedback.customer.more_orders", lang, count=more, customer=name))
    finished = [
        _count(stage_name(settings, key, lang), n, lang) for key, n in found.finished.items()
    ]
    if finished:
        rows.append(t("feedback.customer.finished", lang, counts=" · ".join(finished)))
    return "\n".join([heading, *rows])


def _order_row(order: OrderLine, settings: Settings, lang: str) -> str:
    row = f"• {order.number} · {stage_name(settings, order.stage, lang)}"
    return row + f" {WARNING} {t('feedback.customer.order_late', lang)}" if order.late else row


def _counts_text(overview: CustomerOverview, lang: str) -> str:
    heading = f"*{t('feedback.customer.by_category', lang)}*"
    counts = [_count(category_name(key, lang), n, lang) for key, n in overview.by_category.items()]
    return f"{heading}\n" + (" · ".join(counts) or t("feedback.customer.none", lang))


def _count(name: str, count: int, lang: str) -> str:
    return t("feedback.customer.count", lang, name=name, count=count)


def _items_section(
    heading: str, items: list[FeedbackView], more: int, lang: str, customer: str
) -> list[Any]:
    lines = [line(item, lang) for item in items] or [t("feedback.customer.none", lang)]
    if more > 0:
        lines.append(t("feedback.customer.more", lang, count=more, customer=customer))
    return [section(chunk) for chunk in chunk_lines([f"*{heading}*", *lines])]
