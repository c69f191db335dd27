"""Selects compiled once and run on the driver's own cursor: the reads every request makes.

The member behind a request and the order on a status card are a few index lookups that
take the database 10 to 20 µs; SQLAlchemy's Session and Connection spent about 0.2 ms per
transaction and 60 µs per statement in Python around them, on every request. A `Prepared`
select is compiled by SQLAlchemy once per dialect, so its SQL is what SQLAlchemy would send,
and each column of its rows goes through SQLAlchemy's own result processing for its type
(UTC datetimes, dates, JSON, decimals, booleans): a row reads as the same select's Core row
would, by column name.

Only plain parameters (text, numbers) can be bound: their values go to the driver as given,
so a statement with a parameter whose type would process it, or an expanding IN, is refused
when it is compiled.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Engine, Select, Table
from sqlalchemy.engine import Dialect


def table(model: Any) -> Table:
    """A model's table, whose columns a prepared select names (Core columns: no ORM
    entities to load)."""
    return cast(Table, model.__table__)


class Prepared:
    """A select built on first use (nothing is built at import) and compiled per dialect."""

    def __init__(self, build: Callable[[], Select[Any]]) -> None:
        self._build = build
        self._select: Select[Any] | None = None
        self._compiled: dict[str, _Compiled] = {}

    @property
    def select(self) -> Select[Any]:
        if self._select is None:
            self._select = self._build()
        return self._select

    def compiled(self, dialect: Dialect) -> _Compiled:
        found = self._compiled.get(dialect.name)
        if found is None:
            found = self._compiled[dialect.name] = _Compiled.of(self.select, dialect)
        return found


@dataclass
class _Compiled:
    sql: str
    positions: tuple[str, ...] | None  # the parameters' order for a positional paramstyle
    defaults: dict[str, Any]  # every parameter, with the values the select itself binds
    row: Any  # a namedtuple of the selected columns' keys
    types: list[Any]
    dialect: Dialect
    processors: list[Any] | None = field(default=None)  # once the cursor has described them

    @classmethod
    def of(cls, select: Select[Any], dialect: Dialect) -> _Compiled:
        compiled = select.compile(dialect=dialect)
        for bind in compiled.binds.values():
            if bind.expanding or bind.type.dialect_impl(dialect).bind_processor(dialect):
                raise ValueError(f"{bind.key}: only plain parameters can be bound here")
        columns = list(select.selected_columns)
        return cls(
            sql=str(compiled),
            positions=tuple(compiled.positiontup) if compiled.positiontup else None,
            defaults={
                name: bind.effective_value
                for name, bind in compiled.binds.items()
                if not bind.required
            },
            row=namedtuple("Row", [column.key for column in columns]),  # type: ignore[misc]
            types=[column.type.dialect_impl(dialect) for column in columns],
            dialect=dialect,
        )

    def parameters(self, given: dict[str, Any]) -> Any:
        values = {**self.defaults, **given}
        return [values[name] for name in self.positions] if self.positions else values

    def rows(self, cursor: Any) -> list[Any]:
        if self.processors is None:
            # What SQLAlchemy asks each type for, given the column the driver describes.
            kinds = [column[1] for column in cursor.description]
            self.processors = [
                kind.result_processor(self.dialect, code)
                for kind, code in zip(self.types, kinds, strict=True)
            ]
        make, processors = self.row, self.processors
        return [
            make(*(p(v) if p else v for p, v in zip(processors, raw, strict=True)))
            for raw in cursor.fetchall()
        ]


class Reader:
    """Prepared selects in one read transaction (see `reading`)."""

    def __init__(self, dialect: Dialect, cursor: Any) -> None:
        self.dialect = dialect
        self.cursor = cursor

    def all(self, prepared: Prepared, **params: Any) -> list[Any]:
        compiled = prepared.compiled(self.dialect)
        self.cursor.execute(compiled.sql, compiled.parameters(params))
        return compiled.rows(self.cursor)

    def first(self, prepared: Prepared, **params: Any) -> Any | None:
        rows = self.all(prepared, **params)
        return rows[0] if rows else None


@contextmanager
def reading(engine: Engine) -> Iterator[Reader]:
    """Reads on a pooled connection. Under SQLite's WAL, one deferred transaction, which reads
    its snapshot beside any writer. PostgreSQL's reads are in autocommit: under its READ
    COMMITTED each statement reads its own snapshot inside a transaction too, so a BEGIN
    and a COMMIT would only add two round trips. Whatever happens, the connection goes back
    to the pool as it came (not in autocommit), which rolls back what is left open."""
    connection = engine.raw_connection()
    postgres: Any = None if engine.dialect.name == "sqlite" else connection.driver_connection
    try:
        if postgres is not None:
            postgres.autocommit = True
        cursor = connection.cursor()
        if postgres is None:
            cursor.execute("BEGIN")
        yield Reader(engine.dialect, cursor)
        connection.commit()
    finally:
        if postgres is not None and not postgres.closed:
            postgres.autocommit = False
        connection.close()
