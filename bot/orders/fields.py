"""Order fields: the one validation every entry point uses (command, CSV import, webhook).

`check(raw, context)` turns a mapping of field name -> text into Python values, or into a
list of problems, each a translation key with params and the field it is about. A value of
"-" (or an empty JSON null, which the webhook turns into "-") clears an optional field.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from dataclasses import field as default
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from .. import dates
from ..config import Settings
from ..errors import DomainError, InvalidInput
from ..i18n import t
from . import pipeline
from .containers import read_containers

INCOTERMS = ("EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF")
CLEAR = "-"
MAX_AMOUNT = Decimal("999999999999.99")

# Canonical names, in the order CSV export writes them.
FIELDS = (
    "number",
    "customer",
    "country",
    "owner",
    "stage",
    "incoterm",
    "amount",
    "currency",
    "supplier",
    "port_of_loading",
    "port_of_discharge",
    "etd",
    "eta",
    "vessel",
    "containers",
    "bl_number",
    "balance_due",
    "paid_on",
    "notes",
)
ALIASES = {
    "factory": "supplier",
    "pol": "port_of_loading",
    "pod": "port_of_discharge",
    "container": "containers",
    "bl": "bl_number",
    "b/l": "bl_number",
    "balance": "balance_due",
    "paid": "paid_on",
    "note": "notes",
    # Column names as Chinese ERPs and spreadsheets write them.
    "订单号": "number",
    "客户": "customer",
    "国家": "country",
    "负责人": "owner",
    "业务员": "owner",
    "阶段": "stage",
    "贸易术语": "incoterm",
    "金额": "amount",
    "币种": "currency",
    "工厂": "supplier",
    "供应商": "supplier",
    "起运港": "port_of_loading",
    "目的港": "port_of_discharge",
    "船名": "vessel",
    "柜号": "containers",
    "提单号": "bl_number",
    "尾款到期": "balance_due",
    "付款日": "paid_on",
    "备注": "notes",
}
REQUIRED_TO_CREATE = ("number", "customer")
CANNOT_CLEAR = ("number", "customer", "stage")
TEXT_LIMITS = {
    "customer": 200,
    "country": 64,
    "supplier": 200,
    "port_of_loading": 100,
    "port_of_discharge": 100,
    "vessel": 200,
    "notes": 4000,
}


def canonical(name: str) -> str | None:
    """The field a column, JSON key or command word names (None when it names none)."""
    folded = name.strip().casefold().replace(" ", "_")
    folded = ALIASES.get(folded, folded)
    return folded if folded in FIELDS else None


@dataclass(frozen=True)
class Problem:
    field: str
    key: str
    params: Mapping[str, Any] = default(default_factory=dict)

    def text(self, lang: str) -> str:
        return t(self.key, lang, **self.params)


class OrderProblems(InvalidInput):
    """Every problem found; all shown at once, in Slack as by CSV and webhook."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].key, **problems[0].params)
        self.problems = problems


def problems_of(error: DomainError) -> list[Problem]:
    """Every problem an error names: OrderProblems lists them; any other is about the number."""
    return getattr(error, "problems", None) or [Problem("number", error.key, error.params)]


@dataclass(frozen=True)
class Checked:
    values: dict[str, Any]  # canonical field -> value; None clears it
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class FieldContext:
    """What reading a value needs: the pipeline, the author's zone and now, who is who."""

    settings: Settings
    zone: ZoneInfo
    now: datetime
    find_member: Callable[[str], str | None]


def check(raw: Mapping[str, str | None], context: FieldContext) -> Checked:
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, text in raw.items():
        field_name = canonical(name)
        if field_name is None:
            problems.append(Problem(name, "orders.error.unknown_field", {"field": name}))
        elif text is not None and text.strip() != "":
            try:
                values[field_name] = _read(field_name, text.strip(), context)
            except InvalidInput as error:
                problems.append(Problem(field_name, error.key, error.params))
    problems += check_dates(values)
    return Checked(values, problems)


def check_dates(values: Mapping[str, Any]) -> list[Problem]:
    """ETA cannot come before ETD (on the merged order, not just what was typed)."""
    etd, eta = values.get("etd"), values.get("eta")
    if isinstance(etd, date) and isinstance(eta, date) and eta < etd:
        return [Problem("eta", "orders.error.eta_before_etd", {"etd": etd, "eta": eta})]
    return []


def _read(field_name: str, text: str, context: FieldContext) -> Any:
    if text == CLEAR:
        if field_name in CANNOT_CLEAR:
            raise InvalidInput("orders.error.cannot_clear", field=field_name)
        return [] if field_name == "containers" else None
    return READERS[field_name](text, context)


def read_number(text: str, _context: Any = None) -> str:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._/#-]{0,63}", text):
        raise InvalidInput("orders.error.bad_number", number=text)
    return text


def _text(field_name: str) -> Callable[[str, FieldContext], str]:
    def read(text: str, _context: FieldContext) -> str:
        clean = text if field_name == "notes" else " ".join(text.split())
        if len(clean) > TEXT_LIMITS[field_name]:
            raise InvalidInput(
                "orders.error.too_long", field=field_name, limit=TEXT_LIMITS[field_name]
            )
        return clean

    return read


def _owner(text: str, context: FieldContext) -> str:
    found = context.find_member(text)
    if found is None:
        raise InvalidInput("orders.error.unknown_owner", owner=text)
    return found


def _stage(text: str, context: FieldContext) -> str:
    return pipeline.resolve(context.settings, text)


def read_incoterm(text: str, _context: Any = None) -> str:
    term = text.strip().upper()
    if term not in INCOTERMS:
        raise InvalidInput("orders.error.bad_incoterm", incoterm=text, terms=" ".join(INCOTERMS))
    return term


# Plain digits, or commas between groups of three; at most two decimals after a point. A
# European "12,50" or "1.500,00" is refused rather than read as 1250 or 1.50.
AMOUNT = re.compile(r"(\d+|\d{1,3}(,\d{3})+)(\.\d{1,2})?")


def _amount(text: str, _context: FieldContext) -> Decimal:
    plain = re.sub(r"[\s_]", "", text)
    amount = Decimal(plain.replace(",", "")) if AMOUNT.fullmatch(plain) else None
    if amount is None or amount > MAX_AMOUNT:
        raise InvalidInput("orders.error.bad_amount", amount=text)
    return amount.quantize(Decimal("0.01"))


def _currency(text: str, _context: FieldContext) -> str:
    if not re.fullmatch(r"[A-Za-z]{3}", text):
        raise InvalidInput("orders.error.bad_currency", currency=text)
    return text.upper()


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(text: str, context: FieldContext) -> date:
    # ISO dates, what ERPs export, skip the general reader: it costs ~0.2 ms a date, which
    # is most of a 10,000-row import.
    if ISO_DAY.fullmatch(text):
        with contextlib.suppress(ValueError):
            return date.fromisoformat(text)
    return dates.parse_day(text, context.zone, context.now)


def _bl(text: str, _context: FieldContext) -> str:
    if not re.fullmatch(r"[A-Za-z0-9-]{4,64}", text):
        raise InvalidInput("orders.error.bad_bl", bl=text)
    return text.upper()


READERS: dict[str, Callable[[str, FieldContext], Any]] = {
    "number": read_number,
    "customer": _text("customer"),
    "country": _text("country"),
    "owner": _owner,
    "stage": _stage,
    "incoterm": read_incoterm,
    "amount": _amount,
    "currency": _currency,
    "supplier": _text("supplier"),
    "port_of_loading": _text("port_of_loading"),
    "port_of_discharge": _text("port_of_discharge"),
    "etd": _day,
    "eta": _day,
    "vessel": _text("vessel"),
    "containers": read_containers,
    "bl_number": _bl,
    "balance_due": _day,
    "paid_on": _day,
    "notes": _text("notes"),
}


def as_text(value: Any) -> str | None:
    """A field value as history and CSV show it."""
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, list | tuple):
        return " ".join(value)
    return str(value)
