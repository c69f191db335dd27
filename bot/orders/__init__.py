"""Export orders: the pipeline, validation, changes with history, and notifications.

The Slack side and the webhook call the entry points, each opening its own unit:
`status_of`, `history_page`, `list_page` (reads) and `create`, `update`, `set_watching`,
`save_from_webhook` (writes). They hand back the views of `bot.orders.views`, complete for
rendering (stage names in both languages included).

Building blocks for other bot code (feedback relies on these names):
- `find_by_number(unit, number) -> OrderView | None`, `get(unit, number) -> OrderView`
- `save(unit, actor, source, number, {field: text}) -> Saved` (command, CSV and webhook)
- `check(raw, context)` in `bot.orders.fields`: the one validation of order fields
- `status(unit, number, reader) -> StatusView`; `history(unit, number, page) -> HistoryPage`
  and `list_orders(unit, stage, customer, late, limit, offset) -> OrderList` (without a
  stage, the list holds open orders only); `watch` / `unwatch(unit, member, number)`
- `bot.orders.pipeline`: the stages from config (names, SLAs, closed stages)
"""

from __future__ import annotations

from .fields import OrderProblems, Problem, problems_of
from .notices import STAGE_CHANGED
from .queries import find_by_number, get, history, history_page, list_orders, list_page
from .service import create, save, save_from_webhook, set_watching, unwatch, update, watch
from .status import status, status_of
from .transfer import order_record
from .views import (
    ChangeView,
    HistoryPage,
    ListedOrder,
    ListQuery,
    OrderList,
    OrderPage,
    OrderView,
    PipelineView,
    Saved,
    StageClock,
    StatusView,
    WatchChange,
)

__all__ = [
    "STAGE_CHANGED",
    "ChangeView",
    "HistoryPage",
    "ListQuery",
    "ListedOrder",
    "OrderList",
    "OrderPage",
    "OrderProblems",
    "OrderView",
    "PipelineView",
    "Problem",
    "Saved",
    "StageClock",
    "StatusView",
    "WatchChange",
    "create",
    "find_by_number",
    "get",
    "history",
    "history_page",
    "list_orders",
    "list_page",
    "order_record",
    "problems_of",
    "save",
    "save_from_webhook",
    "set_watching",
    "status",
    "status_of",
    "unwatch",
    "update",
    "watch",
]
