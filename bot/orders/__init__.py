"""Export orders: the pipeline, validation, changes with history, and notifications.

Public API (other features rely on these names):
- `find_by_number(unit, number) -> OrderView | None`, `get(unit, number) -> OrderView`
- `save(unit, actor, source, number, {field: text}) -> Saved` (command, CSV and webhook)
- `check(raw, context)` in `bot.orders.fields`: the one validation of order fields
- `status(unit, number, reader) -> StatusView`; `history(unit, number, limit, offset) ->
  HistoryPage` and `list_orders(unit, stage, customer, late, limit, offset) -> OrderList`,
  a page at a time (without a stage, the list holds open orders only)
"""

from __future__ import annotations

from .reports import ChangeView, HistoryPage, OrderList, StatusView, history, list_orders, status
from .service import OrderProblems, Saved, may_edit, problems_in, save
from .views import OrderView, find_by_number, get
from .watching import unwatch, watch

__all__ = [
    "ChangeView",
    "HistoryPage",
    "OrderList",
    "OrderProblems",
    "OrderView",
    "Saved",
    "StatusView",
    "find_by_number",
    "get",
    "history",
    "list_orders",
    "may_edit",
    "problems_in",
    "save",
    "status",
    "unwatch",
    "watch",
]
