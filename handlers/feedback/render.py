"""How feedback looks in Slack: list lines, an item with its story, a customer at a glance,
and the confirmations of changes.

Times are shown in the reader's time zone, which they name; durations the way people say
them ("3h 20m").
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.feedback import (
    CustomerOverview,
    FeedbackDetail,
    FeedbackPage,
    FeedbackView,
    HistoryEntry,
    OrderLine,
    humanize,
)
from bot.viewer import Viewer

from ..blocks import Rendered, actions, button, chunk_lines, context, fields, header, section
from ..mrkdwn import mention

SHARE_ACTION = "feedback.item.share"
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


def local_time(instant: datetime, viewer: Viewer) -> str:
    return viewer.stamp(instant)


def category_name(key: str, viewer: Viewer) -> str:
    """A category's display name; categories added in config show as written."""
    name = viewer.t(f"feedback.category.{key}")
    return key.replace("_", " ") if name == f"feedback.category.{key}" else name


def severity_label(key: str, viewer: Viewer) -> str:
    return f"{SEVERITY_ICONS.get(key, '')} {viewer.t(f'feedback.severity.{key}')}".strip()


def in_language(names: dict[str, str], viewer: Viewer) -> str:
    """A name from config (a stage's), in the viewer's language."""
    return names["zh"] if viewer.language == "zh" else names["en"]


def subject(item: FeedbackView, viewer: Viewer) -> str:
    """`#12 ACME Trading · order PO-1`."""
    order = f" · {viewer.t('feedback.field.order')} {item.order_number}"
    return f"#{item.id} {item.customer_name}" + (order if item.order_number else "")


def line(item: FeedbackView, viewer: Viewer) -> str:
    parts = [
        f"*{subject(item, viewer)}*",
        category_name(item.category, viewer),
        severity_label(item.severity, viewer),
        viewer.t(f"feedback.status.{item.status}"),
        mention(item.assignee_id),
        sla_summary(item, viewer),
    ]
    return "• " + " · ".join(parts) + f"\n    {excerpt(item.text)}"


def excerpt(text: str, limit: int = 120) -> str:
    """The text on one line, cut at `limit` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def sla_summary(item: FeedbackView, viewer: Viewer) -> str:
    """Short SLA state for a list line: response and resolution times, or how late."""
    response = first_response_text(item, viewer, dated=False)
    resolution = resolution_text(item, viewer, dated=False)
    return viewer.t("feedback.sla.summary", response=response, resolution=resolution)


def first_response_text(item: FeedbackView, viewer: Viewer, dated: bool) -> str:
    """In a list: "first response in 3h 20m". In an item's own view (`dated`), the label
    says what it is, so just "3h 20m", or how long it has waited and until when."""
    took = item.time_to_first_response
    if took is not None:
        text = humanize(took, viewer.language) if dated else _took("responded_in", took, viewer)
    else:
        waited = humanize(item.waiting, viewer.language)
        text = viewer.t("feedback.sla.no_response", duration=waited)
        text += _due(item.first_response_due_at, viewer, dated)
    return text + _late(item.first_response_due_at, item.first_responded_at, item, viewer)


def resolution_text(item: FeedbackView, viewer: Viewer, dated: bool) -> str:
    took = item.time_to_resolution
    if took is not None:
        text = humanize(took, viewer.language) if dated else _took("resolved_in", took, viewer)
    else:
        text = viewer.t("feedback.sla.unresolved")
        text += _due(item.resolution_due_at, viewer, dated)
    return text + _late(item.resolution_due_at, item.resolved_at, item, viewer)


def _took(key: str, duration: timedelta, viewer: Viewer) -> str:
    return viewer.t(f"feedback.sla.{key}", duration=humanize(duration, viewer.language))


def _due(due_at: datetime, viewer: Viewer, dated: bool) -> str:
    return viewer.t("feedback.sla.due", when=local_time(due_at, viewer)) if dated else ""


def _late(due_at: datetime, done_at: datetime | None, item: FeedbackView, viewer: Viewer) -> str:
    finished = done_at or item.as_of
    if finished <= due_at:
        return ""
    late_by = humanize(finished - due_at, viewer.language)
    return f" {WARNING} " + viewer.t("feedback.sla.late", duration=late_by)


def list_message(found: FeedbackPage, viewer: Viewer) -> Rendered:
    title = viewer.t(f"feedback.list.title.{found.scope}", value=found.subject)
    lines = [line(item, viewer) for item in found.page.items]
    blocks: list[Any] = [header(title)]
    blocks += [section(text) for text in lines] or [section(_empty_list(found, viewer))]
    if found.page.pages > 1:
        blocks.append(context(_page_hint(found, viewer)))
    return Rendered(text=title, blocks=blocks)


def _empty_list(found: FeedbackPage, viewer: Viewer) -> str:
    """What the list is empty of (no open feedback, none from this customer)."""
    return viewer.t(f"feedback.list_empty.{found.scope}", value=found.subject)


def _page_hint(found: FeedbackPage, viewer: Viewer) -> str:
    """Where this page is, and the exact command for the next one."""
    scope = " ".join(part for part in (found.scope, found.subject) if part)
    return viewer.t(
        "feedback.list.page",
        page=found.page.number,
        pages=found.page.pages,
        total=found.page.total,
        command=f"/feedback list {scope} page {found.next_number}",
    )


def detail_message(
    detail: FeedbackDetail, viewer: Viewer, shared_by: str | None = None
) -> Rendered:
    """`/feedback show`; `shared_by` draws it for a channel, saying who shared it there."""
    item = detail.item
    title = subject(item, viewer)
    shared = [context(viewer.t("common.share.by", who=mention(shared_by)))] if shared_by else []
    blocks: list[Any] = [*shared, header(title), fields(*_detail_fields(item, viewer))]
    blocks.append(section(f"*{viewer.t('feedback.field.text')}*\n{item.text}"))
    if item.resolution:
        blocks.append(section(f"*{viewer.t('feedback.field.resolution_text')}*\n{item.resolution}"))
    blocks += _story(detail, viewer)
    if not shared_by:
        share = button(viewer.t("common.share.button"), SHARE_ACTION, str(item.id))
        blocks.append(actions(share))
    return Rendered(text=title, blocks=blocks)


def _detail_fields(item: FeedbackView, viewer: Viewer) -> list[tuple[str, str]]:
    def label(key: str) -> str:
        return viewer.t(f"feedback.field.{key}")

    return [
        (label("status"), viewer.t(f"feedback.status.{item.status}")),
        (label("severity"), severity_label(item.severity, viewer)),
        (label("category"), category_name(item.category, viewer)),
        (label("assignee"), mention(item.assignee_id)),
        (label("reporter"), mention(item.reporter_id)),
        (label("logged"), local_time(item.created_at, viewer)),
        (label("first_response"), first_response_text(item, viewer, dated=True)),
        (label("resolution"), resolution_text(item, viewer, dated=True)),
    ]


def _story(detail: FeedbackDetail, viewer: Viewer) -> list[Any]:
    """Comments (each in full) and the history, the latest of each when there are many."""
    comments = [
        f"{local_time(c.created_at, viewer)} {mention(c.author_id)}: {c.text}"
        for c in detail.comments
    ]
    history = [history_line(entry, viewer) for entry in detail.history]
    sections = _latest("comments", comments, SHOWN_COMMENTS, viewer) if comments else []
    sections += _latest("history", history, SHOWN_HISTORY, viewer)
    return [section(chunk) for chunk in sections]


def _latest(field: str, lines: list[str], shown: int, viewer: Viewer) -> list[str]:
    """A heading and the last `shown` lines, saying how many earlier ones are left out."""
    heading = f"*{viewer.t(f'feedback.field.{field}')}*"
    if len(lines) > shown:
        earlier = viewer.t("feedback.field.earlier", count=len(lines) - shown)
        heading += f" _{earlier}_"
    return chunk_lines([heading, *lines[-shown:]])


def history_line(entry: HistoryEntry, viewer: Viewer) -> str:
    action, detail = entry.action, excerpt(entry.detail or "", HISTORY_DETAIL)
    if action in ("created", "assigned"):
        detail = mention(entry.detail)
    elif action == "severity":
        detail = viewer.t(f"feedback.severity.{entry.detail or ''}")
    elif action == "reopened" and not detail:
        action = "reopened_no_reason"
    text = viewer.t(f"feedback.history.{action}", actor=mention(entry.actor_id), detail=detail)
    return f"{local_time(entry.created_at, viewer)} · {text}"


def overview_message(overview: CustomerOverview, viewer: Viewer) -> Rendered:
    name = overview.customer.name
    title = viewer.t("feedback.customer.title", customer=name)
    blocks: list[Any] = [header(title)]
    owner = viewer.t("feedback.customer.owner", owner=mention(overview.customer.owner_id))
    total = viewer.t("feedback.customer.total", count=overview.total)
    blocks.append(context(f"{owner} · {total}"))
    blocks.append(section(_orders_text(overview, viewer)))
    blocks.append(section(_counts_text(overview, viewer)))
    open_heading = viewer.t("feedback.customer.open", count=overview.open_total)
    more = overview.open_total - len(overview.open_items)
    blocks += _items_section(open_heading, overview.open_items, more, viewer, name)
    recent_heading = viewer.t("feedback.customer.recent")
    blocks += _items_section(recent_heading, overview.recent, 0, viewer, name)
    return Rendered(text=title, blocks=blocks)


def _orders_text(overview: CustomerOverview, viewer: Viewer) -> str:
    """Running orders, a pointer to the rest of them, and how many have finished."""
    found, name = overview.orders, overview.customer.name
    heading = f"*{viewer.t('feedback.customer.orders', count=found.running_total)}*"
    rows = [_order_row(order, viewer) for order in found.running]
    if not found.running:
        rows.append(viewer.t("feedback.customer.no_orders"))
    more = found.running_total - len(found.running)
    if more > 0:
        rows.append(viewer.t("feedback.customer.more_orders", count=more, customer=name))
    finished = [_count(in_language(f.stage_names, viewer), f.count, viewer) for f in found.finished]
    if finished:
        rows.append(viewer.t("feedback.customer.finished", counts=" · ".join(finished)))
    return "\n".join([heading, *rows])


def _order_row(order: OrderLine, viewer: Viewer) -> str:
    row = f"• {order.number} · {in_language(order.stage_names, viewer)}"
    return row + f" {WARNING} {viewer.t('feedback.customer.order_late')}" if order.late else row


def _counts_text(overview: CustomerOverview, viewer: Viewer) -> str:
    heading = f"*{viewer.t('feedback.customer.by_category')}*"
    counts = [
        _count(category_name(key, viewer), n, viewer) for key, n in overview.by_category.items()
    ]
    return f"{heading}\n" + (" · ".join(counts) or viewer.t("feedback.customer.none"))


def _count(name: str, count: int, viewer: Viewer) -> str:
    return viewer.t("feedback.customer.count", name=name, count=count)


def _items_section(
    heading: str, items: list[FeedbackView], more: int, viewer: Viewer, customer: str
) -> list[Any]:
    lines = [line(item, viewer) for item in items] or [viewer.t("feedback.customer.none")]
    if more > 0:
        lines.append(viewer.t("feedback.customer.more", count=more, customer=customer))
    return [section(chunk) for chunk in chunk_lines([f"*{heading}*", *lines])]


def logged_message(item: FeedbackView, viewer: Viewer) -> Rendered:
    return done_message(viewer.t("feedback.done.logged", **_deadlines(item, viewer)))


def severity_message(item: FeedbackView, viewer: Viewer) -> Rendered:
    return done_message(viewer.t("feedback.done.severity", **_deadlines(item, viewer)))


def _deadlines(item: FeedbackView, viewer: Viewer) -> dict[str, Any]:
    return {
        "id": item.id,
        "customer": item.customer_name,
        "severity": severity_label(item.severity, viewer),
        "category": category_name(item.category, viewer),
        "assignee": mention(item.assignee_id),
        "response_due": local_time(item.first_response_due_at, viewer),
        "resolution_due": local_time(item.resolution_due_at, viewer),
    }


def resolved_message(item: FeedbackView, viewer: Viewer) -> Rendered:
    duration = humanize(item.time_to_resolution or item.waiting, viewer.language)
    return done_message(viewer.t("feedback.done.resolved", id=item.id, duration=duration))


def done_message(text: str) -> Rendered:
    text = f":white_check_mark: {text}"
    return Rendered(text=text, blocks=[section(text)])
