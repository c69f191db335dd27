"""`tradeops import orders` at 10,000 and at 200,000 rows, each into a fresh database that
was never analyzed, beside the plain csv + bulk-insert baseline of bench/order_import.py.

Every load gets an empty migrated database of its own, with autovacuum off on its tables
(PostgreSQL), so the planner never has statistics: as on a fresh install, or a server that
runs without autovacuum. The baseline and the import alternate, small size first. The
import must stay linear: its rows/s at the large size at least 0.8× its rate at the small.
"""

from __future__ import annotations

import io
import time
from typing import Any

from sqlalchemy import inspect, text

from bench.context import Context
from bench.order_import import _baseline, _core, _rows
from bench.scale import Scale, drop_database, fresh_database
from bench.table import Row
from bot.orders.transfer import ImportReport, import_csv

LINEAR = 0.8


def sizes(context: Context) -> tuple[int, int]:
    if context.scale == Scale.tiny():
        return 500, 2_500
    return (1_000, 20_000) if context.quick else (10_000, 200_000)


def measure(context: Context) -> list[Row]:
    rates: dict[tuple[str, int], float] = {}
    reports: dict[int, ImportReport] = {}
    for rows in sizes(context):
        csv_text = _rows(rows)
        rates["baseline", rows] = rows / _load(context, f"baseline_{rows}", csv_text, None)
        reports[rows] = ImportReport()
        rates["import", rows] = rows / _load(context, f"import_{rows}", csv_text, reports[rows])
    small, large = sizes(context)
    linear = rates["import", large] / rates["import", small]
    return [
        *(Row(f"import orders: {rows:,} rows, {reports[rows].created:,} imported",
              rates["import", rows], "rows/s", rates["baseline", rows], "csv + bulk INSERT")
          for rows in (small, large)),
        Row(f"import orders: rows/s at {large:,} / at {small:,}", linear, "×",
            rates["baseline", large] / rates["baseline", small], "same for the baseline",
            f"≥ {LINEAR}×", linear >= LINEAR),
    ]  # fmt: skip


def _load(context: Context, name: str, csv_text: str, report: ImportReport | None) -> float:
    """Seconds to load `csv_text` into a fresh database; the import fills `report`."""
    url = fresh_database(context.base_url, context.folder, context.database_name(name))
    core = _core(url)
    try:
        _never_analyzed(core.engine)
        started = time.perf_counter()
        if report is None:
            _baseline(core.engine, csv_text)
        else:
            _merge(report, import_csv(core, io.StringIO(csv_text)))
        return time.perf_counter() - started
    finally:
        core.engine.dispose()
        drop_database(url)


def _never_analyzed(engine: Any) -> None:
    """No statistics will appear while the load runs (a PostgreSQL server's autovacuum)."""
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as connection:
        for table in inspect(connection).get_table_names():
            connection.execute(text(f'ALTER TABLE "{table}" SET (autovacuum_enabled = false)'))


def _merge(report: ImportReport, done: ImportReport) -> None:
    report.rows, report.created, report.bad = done.rows, done.created, done.bad
