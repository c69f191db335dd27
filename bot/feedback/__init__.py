"""Customer feedback: logged by anyone, owned by an assignee, answered within its SLA.

Public API for other features (the escalation sweep in particular):
`overdue_sla_items(unit) -> list[FeedbackView]`, `get(unit, id)`, `sla_for(settings, severity)`
and `humanize(timedelta, lang)`. Customers come from bot.customers and orders from bot.orders'
public functions; the one read of the orders table is views.select_items (the order number).
"""

from __future__ import annotations

from .overview import customer_overview
from .parsing import NewFeedback, ParsedAdd, item_id, parse_add
from .queries import detail, get, list_items, overdue_sla_items
from .service import Change, assign, comment, log, may_change, reopen, resolve, set_severity, start
from .sla import humanize, sla_for
from .views import (
    CustomerOverview,
    FeedbackDetail,
    FeedbackPage,
    FeedbackView,
    HistoryEntry,
    OrderLine,
)

__all__ = [
    "Change",
    "CustomerOverview",
    "FeedbackDetail",
    "FeedbackPage",
    "FeedbackView",
    "HistoryEntry",
    "NewFeedback",
    "OrderLine",
    "ParsedAdd",
    "assign",
    "comment",
    "customer_overview",
    "detail",
    "get",
    "humanize",
    "item_id",
    "list_items",
    "log",
    "may_change",
    "overdue_sla_items",
    "parse_add",
    "reopen",
    "resolve",
    "set_severity",
    "sla_for",
    "start",
]
