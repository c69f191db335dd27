"""How orders look in Slack: the status card, lists and histories a page at a time, and
the confirmations of changes. Each renderer takes a view and the Viewer, nothing else.

A page button carries its whole query (the filters or the order number, and the page) as
JSON, so pressing it twice, or Slack re-sending the press, shows the same page again.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, replace
from typing import Any

from bot.orders import (
    HistoryPage,
    ListedOrder,
    OrderPage,
    OrderView,
    PipelineView,
    Saved,
    StatusView,
    WatchChange,
)
from bot.paging import Page
from bot.viewer import Viewer

from ..blocks import Rendered, actions, button, chunk_lines, context, fields, header, section
from ..mrkdwn import channel_mention, mention
from ..playbooks.render import checklist_blocks
from .texts import change_line, day_text, summary_of_changes, when_text

SHARE_ACTION = "orders.status.share"
LIST_PAGE = "orders.list"  # + .prev / .next
HISTORY_PAGE = "orders.history"
DONE, CURRENT, AHEAD = ":white_check_mark:", ":large_blue_circle:", ":white_circle:"
CONTAINERS_SHOWN = 40  # on the card; a field holds 2,000 characters
NOTES_SHOWN = 1500
WATCH_KEYS = {
    (True, True): "orders.done.watching",
    (True, False): "orders.done.already_watching",
    (False, True): "orders.done.unwatched",
    (False, False): "orders.done.not_watching",
}


# -- /order status ----------------------------------------------------------------------------


def status_message(status: StatusView, viewer: Viewer, shared_by: str | None = None) -> Rendered:
    """The card; `shared_by` draws it for a channel, saying who shared it there."""
    order, stages = status.order, status.pipeline
    title = viewer.t("orders.status.header", number=order.number, customer=order.customer_name)
    position = stages.position(order.stage)
    stage_lines = [progress_line(stages, order.stage, viewer.language)]
    if position >= 0:
        count = len(stages.progress)
        stage_lines.append(viewer.t("orders.status.position", index=position + 1, count=count))
    blocks: list[Any] = [
        *([context(viewer.t("common.share.by", who=mention(shared_by)))] if shared_by else []),
        header(title),
        section("\n".join(stage_lines)),
        section(_clock_line(status, viewer)),
        *_detail_sections(order, viewer),
        *checklist_blocks(status.checklist, viewer),
        context(_recent_text(status, viewer)),
        _buttons(order.number, status.watching, viewer, shared=shared_by is not None),
    ]
    return Rendered(text=f"{title} · {stages.name(order.stage, viewer.language)}", blocks=blocks)


def progress_line(stages: PipelineView, stage: str, lang: str) -> str:
    """Every stage of the pipeline, done ones ticked and the current one in bold."""
    here = stages.position(stage)
    marks = [DONE if index < here else AHEAD for index in range(len(stages.progress))]
    parts = [
        f"{mark} {stages.name(key, lang)}" for mark, key in zip(marks, stages.progress, strict=True)
    ]
    if here >= 0:
        parts[here] = f"{CURRENT} *{stages.name(stage, lang)}*"
    line = " → ".join(parts)
    if here < 0:  # cancelled: the line shows how far it got no more
        line = f":no_entry: *{stages.name(stage, lang)}*\n~{line}~"
    return line


def _clock_line(status: StatusView, viewer: Viewer) -> str:
    """Days in the stage against its SLA, who moves it on, since when, who watches."""
    order, clock = status.order, status.clock
    params = {"days": clock.days, "stage": status.pipeline.name(order.stage, viewer.language)}
    if clock.late:
        parts = [viewer.t("orders.status.late", **params, sla=clock.sla_days)]
    elif clock.sla_days:
        parts = [viewer.t("orders.status.clock", **params, sla=clock.sla_days)]
    else:
        parts = [viewer.t("orders.status.clock_no_sla", **params)]
    if status.responsible:
        role = viewer.t(f"team.role.{status.responsible}")
        parts.append(viewer.t("orders.status.responsible", role=role))
    parts.append(viewer.t("orders.status.since", when=when_text(order.stage_since, viewer)))
    if status.watchers:
        parts.append(viewer.t("orders.status.watchers", count=status.watchers))
    return " · ".join(parts)


def _detail_sections(order: OrderView, viewer: Viewer) -> list[Any]:
    none = viewer.t("orders.none")

    def label(name: str) -> str:
        return viewer.t(f"orders.field.{name}")

    country = f" ({order.customer_country})" if order.customer_country else ""
    first = [
        (label("customer"), order.customer_name + country),
        (label("owner"), mention(order.owner_id)),
        (label("etd"), day_text(order.etd, viewer, relative=True)),
        (label("eta"), day_text(order.eta, viewer, relative=True)),
        (label("vessel"), order.vessel or none),
        (label("containers"), _containers(order.containers, viewer) or none),
        (label("bl_number"), f"`{order.bl_number}`" if order.bl_number else none),
        (label("incoterm"), order.incoterm or none),
        (label("amount"), _amount(order) or none),
        (label("ports"), _ports(order, none)),
    ]
    second = [
        (label("supplier"), order.supplier),
        (label("payment"), _payment(order, viewer)),
        (label("notes"), _latest_notes(order.notes)),
    ]
    extra = [(name, value) for name, value in second if value]
    return [fields(*first)] + ([fields(*extra)] if extra else [])


def _containers(numbers: tuple[str, ...], viewer: Viewer) -> str:
    shown = " ".join(f"`{each}`" for each in numbers[:CONTAINERS_SHOWN])
    if len(numbers) > CONTAINERS_SHOWN:
        shown += " " + viewer.t("orders.status.more", count=len(numbers) - CONTAINERS_SHOWN)
    return shown


def _ports(order: OrderView, none: str) -> str:
    if not (order.port_of_loading or order.port_of_discharge):
        return none
    return f"{order.port_of_loading or none} → {order.port_of_discharge or none}"


def _latest_notes(notes: str | None) -> str | None:
    """Notes grow as `note` adds lines; when they outgrow the card, show the newest end."""
    if not notes or len(notes) <= NOTES_SHOWN:
        return notes
    return "…" + notes[-(NOTES_SHOWN - 1) :]


def _amount(order: OrderView) -> str:
    if order.amount is None:
        return ""
    return f"{order.currency or ''} {order.amount:,.2f}".strip()


def _payment(order: OrderView, viewer: Viewer) -> str:
    parts = []
    if order.balance_due:
        parts.append(viewer.t("orders.status.balance", due=day_text(order.balance_due, viewer)))
    if order.paid_on:
        parts.append(viewer.t("orders.status.paid", paid=day_text(order.paid_on, viewer)))
    return " · ".join(parts)


def _recent_text(status: StatusView, viewer: Viewer) -> str:
    lines = [viewer.t("orders.status.recent")]
    lines += [change_line(change, status.pipeline, viewer) for change in status.recent]
    return "\n".join(lines if status.recent else [*lines, viewer.t("orders.status.no_changes")])


def _buttons(number: str, watching: bool, viewer: Viewer, shared: bool) -> Any:
    """Watch (or Unwatch) and History; Share on the private card. A shared card is everyone's,
    so it offers Watch to all of them whatever its sharer does."""
    history = button(viewer.t("orders.button.history"), "orders.history", number)
    if watching and not shared:
        watch = button(viewer.t("orders.button.unwatch"), "orders.unwatch", number)
    else:
        watch = button(viewer.t("orders.button.watch"), "orders.watch", number, style="primary")
    if shared:
        return actions(watch, history)
    return actions(watch, history, button(viewer.t("common.share.button"), SHARE_ACTION, number))


# -- /order list and /order history -----------------------------------------------------------


def list_message(found: OrderPage, viewer: Viewer) -> Rendered:
    query, page = found.query, found.page
    title = _list_title(found, viewer)
    lines = [_list_line(each, found.pipeline, viewer) for each in page.items]
    footer = viewer.t("orders.list.count", total=page.total)
    if page.pages > 1:
        footer = viewer.t("orders.list.page", page=page.number, pages=page.pages, total=page.total)
    if not (query.stage or query.late):  # a late one is never closed
        footer += "\n" + viewer.t("orders.list.closed_hint")

    def value_of(number: int) -> str:
        return json.dumps(asdict(replace(query, page=number)), ensure_ascii=False)

    blocks = _page_blocks(title, lines or [_empty_list(found, viewer)], footer)
    return Rendered(text=title, blocks=blocks + _page_buttons(LIST_PAGE, value_of, page, viewer))


def _empty_list(found: OrderPage, viewer: Viewer) -> str:
    """What the list found none of: no order is late is good news, no open order at all
    invites the first one."""
    query = found.query
    filters = (bool(found.stage), bool(query.customer), query.late)
    if filters == (True, False, False):
        stage = found.pipeline.name(found.stage or "", viewer.language)
        return viewer.t("orders.list_empty.stage", stage=stage)
    if filters == (False, True, False):
        return viewer.t("orders.list_empty.customer", customer=query.customer)
    if filters == (False, False, True):
        return viewer.t("orders.list_empty.late")
    if filters == (False, False, False):
        return viewer.t("orders.list_empty.open")
    return viewer.t("orders.list.empty")


def _list_title(found: OrderPage, viewer: Viewer) -> str:
    query = found.query
    if found.stage:
        name = found.pipeline.name(found.stage, viewer.language)
        title = viewer.t("orders.list.in_stage", stage=name)
    else:
        title = viewer.t("orders.list.open")
    if query.customer:
        title += f" · {query.customer}"
    return title + (f" · {viewer.t('orders.list.late')}" if query.late else "")


def _list_line(listed: ListedOrder, stages: PipelineView, viewer: Viewer) -> str:
    order, clock = listed.order, listed.clock
    sla = f"/{clock.sla_days}" if clock.sla_days else ""
    parts = [f"*{order.number}*", order.customer_name, stages.name(order.stage, viewer.language)]
    parts.append(viewer.t("orders.list.days", days=clock.days, sla=sla))
    if order.eta:
        parts.append(f"{viewer.t('orders.field.eta')} {day_text(order.eta, viewer, True)}")
    parts.append(mention(order.owner_id))
    return "• " + " · ".join(parts) + (" :warning:" if clock.late else "")


def history_message(found: HistoryPage, viewer: Viewer) -> Rendered:
    number, page = found.order.number, found.page
    title = viewer.t("orders.history.title", number=number)
    lines = [f"• {change_line(each, found.pipeline, viewer)}" for each in page.items]
    footer = None
    if page.pages > 1:
        params = {"page": page.number, "pages": page.pages, "total": page.total}
        footer = viewer.t("orders.history.page", **params)

    def value_of(page: int) -> str:
        return json.dumps({"number": number, "page": page}, ensure_ascii=False)

    blocks = _page_blocks(title, lines or [viewer.t("orders.history.empty")], footer)
    blocks += _page_buttons(HISTORY_PAGE, value_of, page, viewer)
    return Rendered(text=title, blocks=blocks)


def _page_blocks(title: str, lines: list[str], footer: str | None) -> list[Any]:
    blocks = [header(title), *[section(chunk) for chunk in chunk_lines(lines)]]
    return blocks + ([context(footer)] if footer else [])


def _page_buttons(
    action: str, value_of: Callable[[int], str], page: Page[Any], viewer: Viewer
) -> list[Any]:
    """Previous / Next; their action ids differ, as Slack wants within one block."""
    buttons = []
    if page.has_previous:
        label = viewer.t("orders.button.previous")
        buttons.append(button(label, f"{action}.prev", value_of(page.number - 1)))
    if page.has_next:
        label = viewer.t("orders.button.next")
        buttons.append(button(label, f"{action}.next", value_of(page.number + 1)))
    return [actions(*buttons)] if buttons else []


# -- changes ----------------------------------------------------------------------------------


def created_message(status: StatusView, viewer: Viewer) -> Rendered:
    order = status.order
    stage = status.pipeline.name(order.stage, viewer.language)
    params = {"number": order.number, "customer": order.customer_name, "stage": stage}
    return done_message(viewer.t("orders.done.created", **params))


def updated_message(saved: Saved, viewer: Viewer) -> Rendered:
    number = saved.order.number
    if not saved.changes:
        return done_message(viewer.t("orders.done.unchanged", number=number))
    changes = summary_of_changes(saved.changes, saved.pipeline, viewer)
    text = viewer.t("orders.done.updated", number=number, changes=changes)
    if saved.notified:
        text += " " + told_text(saved, viewer)
    return done_message(text)


def told_text(saved: Saved, viewer: Viewer) -> str:
    """`Notified @wang, @ana and #orders.`: who heard of the change, by name."""
    told = [mention(each) for each in saved.told_people]
    if saved.told_channel:
        told.append(channel_mention(saved.told_channel))
    return viewer.t("orders.told.notified", who=viewer.listing(told))


def watch_message(change: WatchChange, viewer: Viewer) -> Rendered:
    key = WATCH_KEYS[(change.watching, change.changed)]
    text = f":eyes: {viewer.t(key, number=change.number)}"
    return Rendered(text=text, blocks=[section(text)])


def done_message(text: str) -> Rendered:
    text = f":white_check_mark: {text}"
    return Rendered(text=text, blocks=[section(text)])
