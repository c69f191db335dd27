"""One member's open tasks a page at a time: `/task list`, `/task list @person`, App Home.

The order is every list's (soonest due first, tasks without a due date last, ties by id), but
`ORDER BY due_at IS NULL, due_at, id` is not an order the index (assignee_id, status, due_at)
holds, so the database read all of the member's open rows and sorted them on each request.
Read as two parts, each is the index's own order on SQLite (where an index ends with the row
id): the dated tasks by due_at, id, then the undated ones by id, each with LIMIT and OFFSET, so
no sort is needed. (PostgreSQL may still sort a member's few rows in memory, when it finds
that cheaper than walking the index in order.) One count gives both parts' sizes, from the
index alone, and the page is cut from the parts by them.

These are prepared selects (storage.prepared) in one read unit: through a Session the same
reads spent most of their time in Python around the database.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, bindparam, func, select

from storage.models import Task
from storage.models.tasks import OPEN
from storage.prepared import Prepared, table

from ..paging import Page, clamp, pages_of
from ..unit import Lookup
from .views import TaskView, task_view


def open_page(lookup: Lookup, assignee_id: str, number: int, size: int) -> Page[TaskView]:
    """Page `number` (clamped to one that exists) of the assignee's open tasks."""
    reader = lookup.reader
    counts = reader.first(COUNTS, assignee_id=assignee_id)
    total, dated = (counts.total, counts.dated) if counts else (0, 0)
    pages = pages_of(total, size)
    number = clamp(number, pages)
    start = (number - 1) * size
    rows: list[Any] = []
    if start < dated:
        rows = reader.all(DATED, assignee_id=assignee_id, limit=size, offset=start)
    if len(rows) < size and total > dated:
        wanted = size - len(rows)
        offset = max(0, start - dated)
        rows += reader.all(UNDATED, assignee_id=assignee_id, limit=wanted, offset=offset)
    return Page([task_view(row, lookup.now) for row in rows], number, pages, total)


def _counts_query() -> Select[Any]:
    tasks = table(Task)
    counts: list[Any] = [func.count().label("total"), func.count(tasks.c.due_at).label("dated")]
    mine = tasks.c.assignee_id == bindparam("assignee_id")
    return select(*counts).where(mine, tasks.c.status == OPEN)


def _part_query(*, dated: bool) -> Select[Any]:
    tasks = table(Task)
    due = tasks.c.due_at
    # What a TaskView holds: each datetime read costs a parse, and updated_at is not shown.
    shown = [column for column in tasks.c if column.key != "updated_at"]
    return (
        select(*shown)
        .where(
            tasks.c.assignee_id == bindparam("assignee_id"),
            tasks.c.status == OPEN,
            due.is_not(None) if dated else due.is_(None),
        )
        .order_by(*((due, tasks.c.id) if dated else (tasks.c.id,)))
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
    )


COUNTS = Prepared(_counts_query)
DATED = Prepared(lambda: _part_query(dated=True))
UNDATED = Prepared(lambda: _part_query(dated=False))
