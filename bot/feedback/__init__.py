"""Customer feedback: logged by anyone, owned by an assignee, answered within its SLA.

The Slack side calls the entry points that open their own unit: `detail`, `list_items`,
`customer_overview`, `add_form` (reads) and `log`, `log_text`, `comment`, `assign`, `start`,
`resolve`, `reopen`, `set_severity` (writes), after reading command text with the pure
parsers of `parsing`, in the one command grammar (bot.grammar): `item_id`, `id_only`,
`id_and_rest`, `assign_args`, `severity_args`, `list_args`, `customer_name`.

Public API for other features (the escalation sweep in particular):
`overdue_sla_items(unit) -> list[FeedbackView]`, `get(unit, id)`, `may_change(unit, actor,
assignee)`, `sla_for(settings, severity)` and `humanize(timedelta, lang)`. Customers come from
bot.customers and orders from bot.orders' public functions; the one read of the orders table
is views.select_items (the order number).
"""

from __future__ import annotations

from .parsing import (
    ListAsk,
    NewFeedback,
    ParsedAdd,
    assign_args,
    customer_name,
    id_and_rest,
    id_only,
    item_id,
    list_args,
    parse_add,
    severity_args,
)
from .queries import add_form, customer_overview, detail, get, list_items, overdue_sla_items
from .service import (
    FindPerson,
    assign,
    comment,
    log,
    log_text,
    may_change,
    reopen,
    resolve,
    set_severity,
    start,
)
from .sla import humanize, sla_for
from .views import (
    AddForm,
    Change,
    CustomerOrders,
    CustomerOverview,
    FeedbackDetail,
    FeedbackPage,
    FeedbackView,
    HistoryEntry,
    OrderLine,
    StageCount,
)

__all__ = [
    "AddForm",
    "Change",
    "CustomerOrders",
    "CustomerOverview",
    "FeedbackDetail",
    "FeedbackPage",
    "FeedbackView",
    "FindPerson",
    "HistoryEntry",
    "ListAsk",
    "NewFeedback",
    "OrderLine",
    "ParsedAdd",
    "StageCount",
    "add_form",
    "assign",
    "assign_args",
    "comment",
    "customer_name",
    "customer_overview",
    "detail",
    "get",
    "humanize",
    "id_and_rest",
    "id_only",
    "item_id",
    "list_args",
    "list_items",
    "log",
    "log_text",
    "may_change",
    "overdue_sla_items",
    "parse_add",
    "reopen",
    "resolve",
    "set_severity",
    "severity_args",
    "sla_for",
    "start",
]
