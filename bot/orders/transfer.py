"""CSV in and out, for the ERP a team already has.

Import upserts by order number, validates every row with the same `check` the command and
the webhook use, skips bad rows (reporting their line numbers) and imports the good ones in
batches: one transaction and a handful of queries per BATCH rows, never one per row. Columns
are the field names, their aliases, or the labels the bot shows for them in any language
(`ETD`, `预计开船`); an empty cell (or one of only invisible characters) leaves a field as it
is and "-" clears it. A row that would create an order must name its customer. Dates are
read in the team's time zone (ISO 2026-12-01 is best).
Export writes UTF-8 with a BOM so that Excel shows Chinese text correctly, in the same
columns, so an exported file imports back unchanged.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from typing import IO, Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select

from storage.models import Order, OrderChange

from ..core import Core
from ..errors import InvalidInput
from ..i18n import LOCALES_DIR, t
from ..playbooks import service as playbooks
from ..unit import Unit
from . import queries, views
from .applying import NewOrder, apply, new_order
from .fields import (
    FIELDS,
    Checked,
    FieldContext,
    OrderProblems,
    Problem,
    as_text,
    canonical,
    check,
)
from .lookups import CachedLookups, field_context
from .numbers import orders_by_key

BATCH = 1000
ACTOR = "import"
SOURCE = "csv"


@dataclass(frozen=True)
class BadRow:
    line: int
    problems: list[Problem]

    def text(self, lang: str) -> str:
        return " ".join(problem.text(lang) for problem in self.problems)  # each a sentence


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    notified: int = 0
    bad: list[BadRow] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Row:
    line: int  # the file's line number where the row starts (the header is line 1)
    values: dict[str, str]


def import_csv(
    core: Core,
    stream: IO[str],
    *,
    dry_run: bool = False,
    progress: Callable[[int], None] = lambda _rows: None,
) -> ImportReport:
    """Upsert every valid row of `stream`; a dry run validates and writes nothing."""
    reader = csv.DictReader(stream)
    report = ImportReport()
    columns = _columns(list(reader.fieldnames or []), report)
    for batch in _batches(_rows(reader, columns), BATCH):
        _import_batch(core, batch, report, dry_run)
        progress(report.rows)
    return report


def _columns(header: list[str], report: ImportReport) -> dict[str, str]:
    """CSV column -> field; unknown columns are reported and left out."""
    columns: dict[str, str] = {}
    for column in header:
        name = field_of_column(column)
        if name is None:
            report.ignored_columns.append(column)
        else:
            columns[column] = name
    if "number" not in columns.values():
        raise InvalidInput("orders.import.no_number_column", columns=", ".join(FIELDS))
    return columns


def field_of_column(column: str) -> str | None:
    """The field a CSV column names: its name, an alias, or a label the bot shows for it."""
    text = _visible(column)
    return canonical(text) or _labels().get(_folded(text))


@cache
def _labels() -> dict[str, str]:
    """Every catalog's label of every field (`orders.field.etd`: ETD, 预计开船), folded."""
    languages = sorted(path.name for path in LOCALES_DIR.iterdir() if path.is_dir())
    return {
        _folded(t(f"orders.field.{name}", language)): name
        for language in languages
        for name in FIELDS
    }


def _folded(label: str) -> str:
    """How labels are matched: case, spaces and underscores aside ("Port of loading")."""
    return re.sub(r"[\s_]+", "", label.casefold())


def _visible(text: str) -> str:
    """`text` without the characters no one sees (a BOM, the zero-width spaces Excel and web
    pages leave behind), trimmed."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf").strip()


def _cell(text: str | None) -> str:
    """A cell as typed, or "" when nothing in it can be seen: such a cell is an empty one
    (so a new order whose customer is only a zero-width space has no customer)."""
    return text if text and _visible(text) else ""


def _rows(reader: csv.DictReader[str], columns: dict[str, str]) -> Iterator[Row]:
    """Each row with its line number; rows with every cell empty (Excel leaves ",,,," rows
    below the data) are no orders and are passed over."""
    start = reader.line_num + 1
    for record in reader:
        values = {name: _cell(record.get(column)) for column, name in columns.items()}
        if any(value.strip() for value in values.values()):
            yield Row(start, values)
        start = reader.line_num + 1


def _batches(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def _import_batch(core: Core, batch: list[Row], report: ImportReport, dry_run: bool) -> None:
    with core.sessions() as session:
        unit = Unit(session, core.settings, core.clock.now())
        _apply_rows(unit, batch, report)
        if dry_run:
            session.rollback()
            return
        session.commit()
    if unit.enqueued:
        core.wake_dispatcher()


class _Batch:
    """One batch's orders: those in the database, and new ones inserted together at the end
    (one INSERT for all of them rather than one per row)."""

    def __init__(self, unit: Unit, rows: list[Row]) -> None:
        self.unit = unit
        self.existing = _existing_orders(unit, rows)
        self.new: dict[str, NewOrder] = {}

    def order(self, key: str) -> Order | None:
        if key in self.new:  # a second row for a number this batch creates: insert it now
            self.insert_new()
            self.existing.update(orders_by_key(self.unit, [key]))
        return self.existing.get(key)

    def knows(self, key: str) -> bool:
        """Whether order `key` exists, or an earlier row of this batch creates it."""
        return key in self.existing or key in self.new

    def insert_new(self) -> None:
        if not self.new:
            return
        session, now = self.unit.session, self.unit.now
        # RETURNING rather than a second lookup by number: one statement, no plan to go wrong.
        inserting = insert(Order).returning(Order.number_key, Order.id)
        ids = dict(session.execute(inserting, [each.columns for each in self.new.values()]).all())
        entries = [
            {
                "order_id": ids[key],
                "changed_at": now,
                "actor": ACTOR,
                "source": SOURCE,
                "changes": {"action": "created", "fields": each.changes},
            }
            for key, each in self.new.items()
        ]
        session.execute(insert(OrderChange), entries)
        _hand_out_checklists(self.unit, list(ids.values()))
        self.new.clear()


def _hand_out_checklists(unit: Unit, order_ids: list[int]) -> None:
    """New orders made straight into a stage with a playbook get its checklist too."""
    stages = [each.stage for each in unit.settings.orders.playbooks]
    if not stages:
        return
    query = select(Order).where(Order.id.in_(order_ids), Order.stage.in_(stages))
    for order in unit.session.scalars(query):
        playbooks.stage_entered(unit, order, ACTOR, SOURCE)


def _apply_rows(unit: Unit, rows: list[Row], report: ImportReport) -> None:
    batch = _Batch(unit, rows)
    lookups = CachedLookups.preload(unit, {row.values.get("customer", "") for row in rows})
    context = field_context(unit, ZoneInfo(unit.settings.team.timezone), lookups)
    for row in rows:
        report.rows += 1
        try:
            _apply_row(unit, batch, _checked(row, context, batch), lookups, report)
        except OrderProblems as problems:
            report.bad.append(BadRow(row.line, problems.problems))
    batch.insert_new()
    unit.session.flush()


def _checked(row: Row, context: FieldContext, batch: _Batch) -> Checked:
    """The row's values, validated, every problem at once; unlike the command and the
    webhook, a row must carry its own order number, and one creating an order its customer."""
    checked = check(row.values, context)
    problems = checked.problems
    number = row.values.get("number", "").strip()
    if not number:
        problems = [Problem("number", "orders.error.number_required"), *problems]
    elif not batch.knows(views.number_key(number)) and not _names_customer(row, problems):
        problems = [*problems, Problem("customer", "orders.csv.customer_required")]
    if problems:
        raise OrderProblems(problems)
    return checked


def _names_customer(row: Row, problems: list[Problem]) -> bool:
    """A customer is given (a bad one is already among the problems)."""
    given = bool(row.values.get("customer", "").strip())
    return given or any(problem.field == "customer" for problem in problems)


def _apply_row(
    unit: Unit, batch: _Batch, checked: Checked, lookups: CachedLookups, report: ImportReport
) -> None:
    key = views.number_key(checked.values["number"])
    order = batch.order(key)
    if order is None:
        batch.new[key] = new_order(unit, checked.values, None, lookups)
        _count(report, created=True, changed=True, notified=0)
        return
    applied = apply(unit, order, checked, ACTOR, SOURCE, lookups=lookups)
    _count(report, False, bool(applied.changes), applied.notified)


def _count(report: ImportReport, created: bool, changed: bool, notified: int) -> None:
    report.created += created
    report.updated += changed and not created
    report.unchanged += not changed
    report.notified += notified


def _existing_orders(unit: Unit, rows: list[Row]) -> dict[str, Order]:
    return orders_by_key(unit, {views.number_key(row.values.get("number", "")) for row in rows})


def order_record(order: views.OrderView) -> dict[str, str]:
    """An order as text per field: a CSV row, or the webhook's JSON answer."""
    values: dict[str, Any] = {
        name: getattr(order, name, None) for name in FIELDS if name not in ("customer", "owner")
    }
    values.update(
        customer=order.customer_name, owner=order.owner_id, country=order.customer_country
    )
    return {name: as_text(values.get(name)) or "" for name in FIELDS}


def export_csv(unit: Unit, stream: IO[str]) -> int:
    """Write every order to `stream` (open it with encoding utf-8-sig); returns the count."""
    writer = csv.DictWriter(stream, fieldnames=list(FIELDS))
    writer.writeheader()
    count = 0
    for order in queries.all_orders(unit):
        writer.writerow(order_record(order))
        count += 1
    return count


def describe(report: ImportReport, lang: str, dry_run: bool) -> str:
    key = "orders.import.dry_run_summary" if dry_run else "orders.import.summary"
    return t(
        key,
        lang,
        rows=report.rows,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        bad=len(report.bad),
    )
