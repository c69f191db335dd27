"""What does `tradeops import orders` cost over loading the same rows with no checks at all?

Baseline: csv.DictReader over the file, then bulk INSERTs (the customers, then the orders
1,000 at a time) with each value only converted to its column type: no validation, no
upsert, no history.
Measured: `bot.orders.transfer.import_csv`, what `tradeops import orders` runs: every row
validated (Incoterm, ISO 6346 check digit, dates, owner, amount), upserted by number, and
each new order's first history entry written.
Both load the same N rows (a few of them bad) into an empty database, one after the other
in this process; prints rows/s for each and the ratio.
"""

from __future__ import annotations

import argparse
import csv
import io
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, select, text

from bot import team
from bot.bootstrap import build_core
from bot.config import Settings, SlackEnv, parse_file_config
from bot.notify import RecordingNotifier
from bot.orders.containers import container_check_digit
from bot.orders.transfer import import_csv
from bot.team import SlackProfile
from storage.models import Customer, Order

HEADER = "number,customer,owner,stage,incoterm,amount,currency,etd,eta,containers,bl\n"
OWNER = "UBENCH"
BAD_EVERY = 3_333  # one bad Incoterm every so many rows, as a real export would carry


def _rows(count: int) -> str:
    lines = [HEADER]
    for index in range(count):
        etd = date(2026, 12, 1) + timedelta(days=index % 60)
        serial = f"MSKU{index % 1_000_000:06d}"
        incoterm = "FOX" if index and index % BAD_EVERY == 0 else "FOB"
        lines.append(
            f"BENCH-{index:06d},Bench customer {index % 40},bench,production,{incoterm},"
            f"{1000 + index}.50,USD,{etd},{etd + timedelta(days=35)},"
            f"{serial}{container_check_digit(serial)},MEDU{index:08d}\n"
        )
    return "".join(lines)


def _settings(database_url: str) -> Settings:
    return Settings(parse_file_config({}), database_url, SlackEnv(None, None, None, None))


def _core(database_url: str) -> Any:
    core = build_core(_settings(database_url), notifier=RecordingNotifier(), drain="off")
    with core.write() as unit:
        team.upsert_profile(unit, SlackProfile(OWNER, "bench"))
    return core


def _baseline(engine: Engine, csv_text: str) -> float:
    now = datetime.now(UTC)
    started = time.perf_counter()
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    with engine.begin() as connection:
        names = sorted({row["customer"] for row in rows})
        customers = [{"name": n, "name_key": n.casefold(), "created_at": now} for n in names]
        connection.execute(insert(Customer), customers)
        ids = {name: id_ for name, id_ in connection.execute(select(Customer.name, Customer.id))}
        for batch in _batches(rows, 1_000):
            connection.execute(insert(Order), [_plain_order(row, ids, now) for row in batch])
    return time.perf_counter() - started


def _plain_order(row: dict[str, str], ids: dict[str, int], now: datetime) -> dict[str, Any]:
    return {
        "number": row["number"],
        "number_key": row["number"].casefold(),
        "customer_id": ids[row["customer"]],
        "owner_id": OWNER,
        "stage": row["stage"],
        "stage_since": now,
        "incoterm": row["incoterm"],
        "amount": Decimal(row["amount"]),
        "currency": row["currency"],
        "etd": date.fromisoformat(row["etd"]),
        "eta": date.fromisoformat(row["eta"]),
        "containers": [row["containers"]],
        "bl_number": row["bl"],
        "created_at": now,
        "updated_at": now,
    }


def _batches(rows: list[dict[str, str]], size: int) -> Iterator[list[dict[str, str]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _measured(core: Any, csv_text: str) -> tuple[float, Any]:
    started = time.perf_counter()
    report = import_csv(core, io.StringIO(csv_text))
    return time.perf_counter() - started, report


def _empty(engine: Engine) -> None:
    """Remove what a run added, so a shared database (PostgreSQL) is left as it was."""
    statements = [
        "DELETE FROM order_changes WHERE order_id IN"
        " (SELECT id FROM orders WHERE number LIKE 'BENCH-%')",
        "DELETE FROM orders WHERE number LIKE 'BENCH-%'",
        "DELETE FROM customers WHERE name LIKE 'Bench customer %'",
        "DELETE FROM outbox WHERE recipient = 'UBENCH'",
    ]
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--database-url", help="default: a fresh SQLite file per run")
    args = parser.parse_args()
    csv_text = _rows(args.rows)
    with tempfile.TemporaryDirectory() as folder:
        baseline_url = args.database_url or f"sqlite:///{Path(folder) / 'baseline.db'}"
        measured_url = args.database_url or f"sqlite:///{Path(folder) / 'import.db'}"
        baseline_core, measured_core = _core(baseline_url), _core(measured_url)
        baseline = _baseline(baseline_core.engine, csv_text)
        _empty(baseline_core.engine)
        measured, report = _measured(measured_core, csv_text)
        _empty(measured_core.engine)
        with measured_core.engine.begin() as connection:
            connection.execute(text(f"DELETE FROM members WHERE slack_id = '{OWNER}'"))
    _print(args.rows, measured_core.engine.dialect.name, baseline, measured, report)


def _print(rows: int, dialect: str, baseline: float, measured: float, report: Any) -> None:
    print(f"database: {dialect}, rows: {rows} ({len(report.bad)} bad)")
    print(f"baseline  DictReader + bulk insert : {baseline:7.3f} s ({rows / baseline:8.0f} rows/s)")
    print(f"measured  tradeops import orders   : {measured:7.3f} s ({rows / measured:8.0f} rows/s)")
    print(f"ratio     import / baseline        : {measured / baseline:7.2f}x")
    print(f"imported: {report.created} created, bad lines: {[bad.line for bad in report.bad]}")


if __name__ == "__main__":
    main()
