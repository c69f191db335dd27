"""Orders as plain values: what the Slack side, the CSV export and the webhook are handed.

Each view carries what its renderer shows (stage names in both languages, SLA days, the
responsible role), so rendering needs the view and a Viewer and nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Row

from storage.models import Order, OrderChange

from ..paging import Page
from ..playbooks.views import Checklist, HandedOut


@dataclass(frozen=True)
class OrderView:
    id: int
    number: str
    customer_id: int
    customer_name: str
    owner_id: str | None
    stage: str
    stage_since: datetime
    incoterm: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    supplier: str | None = None
    port_of_loading: str | None = None
    port_of_discharge: str | None = None
    etd: date | None = None
    eta: date | None = None
    vessel: str | None = None
    containers: tuple[str, ...] = ()
    bl_number: str | None = None
    balance_due: date | None = None
    paid_on: date | None = None
    notes: str | None = None
    customer_country: str | None = None


@dataclass(frozen=True)
class StageName:
    key: str
    en: str
    zh: str


@dataclass(frozen=True)
class PipelineView:
    """The configured stages as a message shows them: names in both languages, and the
    progress line (every stage but cancelled, in order)."""

    stages: tuple[StageName, ...]
    progress: tuple[str, ...]
    # Each stage by key: a status card names every stage of its progress line.
    _by_key: dict[str, StageName] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_key: dict[str, StageName] = {}
        for each in self.stages:
            by_key.setdefault(each.key, each)  # the first of a key, as a search would find
        object.__setattr__(self, "_by_key", by_key)

    def name(self, key: str, lang: str) -> str:
        """The stage's name in `lang` (its key when config no longer has it)."""
        found = self._by_key.get(key)
        if found is None:
            return key
        return found.zh if lang == "zh" else found.en

    def position(self, key: str) -> int:
        """The 0-based place of `key` on the progress line; -1 when off it (cancelled)."""
        return self.progress.index(key) if key in self.progress else -1


@dataclass(frozen=True)
class ChangeView:
    id: int
    changed_at: datetime
    actor: str
    source: str
    action: str  # created | updated | checklist (bot.playbooks handed the stage's steps out)
    fields: dict[str, list[str | None]]  # field -> [old, new] as text
    detail: dict[str, Any] = field(default_factory=dict)  # the whole entry (checklist, forced)


@dataclass(frozen=True)
class StageClock:
    """How long the order has been in its stage, against that stage's SLA."""

    days: int
    sla_days: int  # 0: no SLA
    late: bool


@dataclass(frozen=True)
class StatusView:
    order: OrderView
    clock: StageClock
    recent: list[ChangeView]
    watching: bool  # the reader watches it
    watchers: int
    responsible: str | None  # the role that moves it on (None once it is closed)
    pipeline: PipelineView
    checklist: Checklist | None = None  # the stage's playbook steps


@dataclass(frozen=True)
class HistoryPage:
    order: OrderView
    page: Page[ChangeView]  # newest first
    pipeline: PipelineView

    @property
    def changes(self) -> Sequence[ChangeView]:
        return self.page.items

    @property
    def total(self) -> int:
        return self.page.total


@dataclass(frozen=True)
class ListedOrder:
    order: OrderView
    clock: StageClock


@dataclass(frozen=True)
class OrderList:
    orders: list[ListedOrder]
    total: int


@dataclass(frozen=True)
class ListQuery:
    """What `/order list` was asked for (the filters as typed), and which page of it."""

    stage: str | None = None
    customer: str | None = None
    late: bool = False
    page: int = 1


@dataclass(frozen=True)
class OrderPage:
    query: ListQuery
    stage: str | None  # the key of the stage the filter names
    page: Page[ListedOrder]  # the longest in their stage first
    pipeline: PipelineView


@dataclass(frozen=True)
class Saved:
    order: OrderView
    created: bool
    changes: dict[str, list[str | None]]  # field -> [old, new] as text
    notified: int
    pipeline: PipelineView
    # Who was told of a stage change: members by DM, and the orders channel (id or #name).
    told_people: tuple[str, ...] = ()
    told_channel: str | None = None
    handed_out: HandedOut | None = None  # the checklist of the stage it entered

    @property
    def stage_changed(self) -> bool:
        return not self.created and "stage" in self.changes


@dataclass(frozen=True)
class WatchChange:
    number: str
    watching: bool  # what was asked: watch (True) or stop (False)
    changed: bool  # False: it already was so


def number_key(number: str) -> str:
    """What order numbers match on: trimmed and casefolded."""
    return number.strip().casefold()


def view(
    order: Order | Row[Any], customer_name: str, customer_country: str | None = None
) -> OrderView:
    """An order's model, or a row of its table's columns (the status card's read)."""
    return OrderView(
        id=order.id,
        number=order.number,
        customer_id=order.customer_id,
        customer_name=customer_name,
        owner_id=order.owner_id,
        stage=order.stage,
        stage_since=order.stage_since,
        incoterm=order.incoterm,
        amount=order.amount,
        currency=order.currency,
        supplier=order.supplier,
        port_of_loading=order.port_of_loading,
        port_of_discharge=order.port_of_discharge,
        etd=order.etd,
        eta=order.eta,
        vessel=order.vessel,
        containers=tuple(order.containers or ()),
        bl_number=order.bl_number,
        balance_due=order.balance_due,
        paid_on=order.paid_on,
        notes=order.notes,
        customer_country=customer_country,
    )


def change_view(change: OrderChange | Row[Any]) -> ChangeView:
    body: dict[str, Any] = change.changes or {}
    return ChangeView(
        change.id,
        change.changed_at,
        change.actor,
        change.source,
        body.get("action", "updated"),
        dict(body.get("fields", {})),
        body,
    )
