"""Order lists and histories, a page at a time, with Previous / Next buttons.

A page button carries its whole query (the filters or the order number, and the page) as
JSON, so pressing it twice, or Slack re-sending the press, shows the same page again.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

from bot import orders
from bot.config import Settings
from bot.core import Core
from bot.i18n import t
from bot.orders import pipeline
from bot.orders.reports import PAGE_SIZE, HistoryPage, ListedOrder, OrderList
from bot.team import MemberView
from bot.unit import Unit

from .blocks import Rendered, actions, button, chunk_lines, context, header, section
from .mrkdwn import mention
from .order_blocks import change_line, day_text

LIST_PAGE = "orders.list_page"
HISTORY_PAGE = "orders.history_page"


@dataclass(frozen=True)
class ListQuery:
    """What `/order list` was asked for, and which page of it."""

    stage: str | None = None
    customer: str | None = None
    late: bool = False
    page: int = 1


def pages_of(total: int) -> int:
    return max(1, -(-total // PAGE_SIZE))


def offset_of(page: int) -> int:
    return (max(page, 1) - 1) * PAGE_SIZE


# -- /order list ------------------------------------------------------------------------------


def list_page(core: Core, member: MemberView, query: ListQuery) -> Rendered:
    with core.unit() as unit:
        found, page = _orders_on_page(unit, query)
        today = unit.now.astimezone(member.zone).date()
        title = _list_title(unit.settings, query, member.language)
        lines = [_list_line(unit.settings, each, member.language, today) for each in found.orders]
    return _list_message(title, lines, replace(query, page=page), found.total, member.language)


def list_from_value(core: Core, member: MemberView, value: str) -> Rendered:
    """A page button's value back to the page it names."""
    fields = json.loads(value)
    filters = fields.get("stage"), fields.get("customer"), bool(fields.get("late"))
    return list_page(core, member, ListQuery(*filters, page=int(fields.get("page", 1))))


def _orders_on_page(unit: Unit, query: ListQuery) -> tuple[OrderList, int]:
    """The page asked for, or the last one when fewer orders are left than it needs."""

    def fetch(page: int) -> OrderList:
        filters = query.stage, query.customer, query.late
        return orders.list_orders(unit, *filters, limit=PAGE_SIZE, offset=offset_of(page))

    found = fetch(query.page)
    page = min(max(query.page, 1), pages_of(found.total))
    return (found if page == query.page else fetch(page)), page


def _list_title(settings: Settings, query: ListQuery, lang: str) -> str:
    if query.stage:
        name = pipeline.stage_name(settings, pipeline.resolve(settings, query.stage), lang)
        title = t("orders.list.in_stage", lang, stage=name)
    else:
        title = t("orders.list.open", lang)
    if query.customer:
        title += f" · {query.customer}"
    return title + (f" · {t('orders.list.late', lang)}" if query.late else "")


def _list_line(settings: Settings, listed: ListedOrder, lang: str, today: date) -> str:
    order, clock = listed.order, listed.clock
    stage = pipeline.stage_name(settings, order.stage, lang)
    sla = f"/{clock.sla_days}" if clock.sla_days else ""
    parts = [f"*{order.number}*", order.customer_name, stage]
    parts.append(t("orders.list.days", lang, days=clock.days, sla=sla))
    if order.eta:
        parts.append(f"{t('orders.field.eta', lang)} {day_text(order.eta, lang, today)}")
    parts.append(mention(order.owner_id))
    return "• " + " · ".join(parts) + (" :warning:" if clock.late else "")


def _list_message(
    title: str, lines: list[str], query: ListQuery, total: int, lang: str
) -> Rendered:
    pages = pages_of(total)
    footer = t("orders.list.count", lang, total=total)
    if pages > 1:
        footer = t("orders.list.page", lang, page=query.page, pages=pages, total=total)
    if not (query.stage or query.late):  # a late one is never closed
        footer += "\n" + t("orders.list.closed_hint", lang)

    def value_of(page: int) -> str:
        return json.dumps(asdict(replace(query, page=page)), ensure_ascii=False)

    blocks = _page_blocks(title, lines or [t("orders.list.empty", lang)], footer)
    blocks += _page_buttons(LIST_PAGE, value_of, query.page, pages, lang)
    return Rendered(text=title, blocks=blocks)


# -- /order history ---------------------------------------------------------------------------


def history_page(core: Core, member: MemberView, number: str, page: int = 1) -> Rendered:
    lang, zone = member.language, member.zone
    with core.unit() as unit:
        found = orders.history(unit, number, PAGE_SIZE, offset_of(page))
        last = pages_of(found.total)
        if page > last:
            found, page = orders.history(unit, number, PAGE_SIZE, offset_of(last)), last
        lines = [f"• {change_line(unit.settings, each, lang, zone)}" for each in found.changes]
    return _history_message(found, lines, max(page, 1), lang)


def history_from_value(core: Core, member: MemberView, value: str) -> Rendered:
    fields = json.loads(value)
    return history_page(core, member, str(fields["number"]), int(fields["page"]))


def _history_message(found: HistoryPage, lines: list[str], page: int, lang: str) -> Rendered:
    number = found.order.number
    title = t("orders.history.title", lang, number=number)
    pages = pages_of(found.total)
    footer = None
    if pages > 1:
        footer = t("orders.history.page", lang, page=page, pages=pages, total=found.total)

    def value_of(page: int) -> str:
        return json.dumps({"number": number, "page": page}, ensure_ascii=False)

    blocks = _page_blocks(title, lines or [t("orders.history.empty", lang)], footer)
    blocks += _page_buttons(HISTORY_PAGE, value_of, page, pages, lang)
    return Rendered(text=title, blocks=blocks)


# -- shared -----------------------------------------------------------------------------------


def _page_blocks(title: str, lines: list[str], footer: str | None) -> list[Any]:
    blocks = [header(title), *[section(chunk) for chunk in chunk_lines(lines)]]
    return blocks + ([context(footer)] if footer else [])


def _page_buttons(
    action: str, value_of: Callable[[int], str], page: int, pages: int, lang: str
) -> list[Any]:
    """Previous / Next; their action ids differ, as Slack wants within one block."""
    buttons = []
    if page > 1:
        buttons.append(
            button(t("orders.button.previous", lang), f"{action}.prev", value_of(page - 1))
        )
    if page < pages:
        buttons.append(button(t("orders.button.next", lang), f"{action}.next", value_of(page + 1)))
    return [actions(*buttons)] if buttons else []
