"""Long lists a page at a time, paged in SQL: one count, one LIMIT/OFFSET query.

Every feature's lists (tasks, orders, feedback, history) use this, so page maths, clamping
and the page a button asks for behave the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

T = TypeVar("T")

PAGE_SIZE = 25


@dataclass(frozen=True)
class Page(Generic[T]):
    """Items on page `number` (1-based) of `pages`, out of `total` in all."""

    items: Sequence[T]
    number: int
    pages: int
    total: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def pages_of(total: int, size: int = PAGE_SIZE) -> int:
    return max(1, -(-total // size))


def clamp(number: int, pages: int) -> int:
    """A page that exists: a button from a longer list shows the last page, not an empty one."""
    return min(max(number, 1), pages)


def fetch_page(
    session: Session,
    query: Select[*tuple[Any, ...]],  # any number of columns: see `scalars`
    number: int,
    convert: Callable[[Any], T],
    *,
    size: int = PAGE_SIZE,
    scalars: bool = True,
) -> Page[T]:
    """Page `number` of `query` (which must be ordered), each row passed through `convert`.

    `scalars` hands `convert` the first column (a model); otherwise the whole row.
    """
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    pages = pages_of(total, size)
    number = clamp(number, pages)
    paged = query.limit(size).offset((number - 1) * size)
    rows = session.scalars(paged) if scalars else session.execute(paged)
    return Page([convert(row) for row in rows], number, pages, total)
