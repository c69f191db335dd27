"""Export orders, their change history and who watches them.

Storage contract: `orders.number` is unique and kept as the user typed it (trimmed);
`number_key` (casefolded) is what lookups match on, so "po-2026-118" finds "PO-2026-118".
ETD, ETA, balance due and paid dates are calendar dates (shipping schedules and payment terms
are days, not instants); they are shown as written whatever the reader's time zone.
The `followed_*` columns are written by the scheduler alone: the stage (and since when) it
last found the order late in, and the balance due date it last found unpaid past its day
(None: not followed). An order whose state no longer matches them is out of step, and the
next tick looks at it again; nothing else needs to keep them up to date.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, Numeric, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, JSONType

# What a tick's escalations ask for, as SQL text that is both the partial index's condition
# and the query's (so both databases use the index): balances unpaid and not followed yet,
# and followed stages and balances out of step (moved on, paid, cancelled, terms changed).
PAYMENT_UNFOLLOWED = (
    "followed_balance_due IS NULL AND balance_due IS NOT NULL AND paid_on IS NULL"
    " AND stage <> 'cancelled'"
)
PAYMENT_OUT_OF_STEP = (
    "followed_balance_due IS NOT NULL AND (balance_due IS NULL OR paid_on IS NOT NULL"
    " OR stage = 'cancelled' OR balance_due <> followed_balance_due)"
)
STAGE_OUT_OF_STEP = (
    "followed_stage_since IS NOT NULL"
    " AND (stage <> followed_stage OR stage_since <> followed_stage_since)"
)


def _partial(name: str, columns: tuple[str, ...], condition: str) -> Index:
    """Holding every column the condition names, so the planner prefers it to scanning a
    wider index that covers the query too."""
    return Index(name, *columns, sqlite_where=text(condition), postgresql_where=text(condition))


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        Index("ix_orders_stage_stage_since", "stage", "stage_since"),
        Index(
            "ix_orders_stage_followed_stage_since_stage_since",
            "stage",
            "followed_stage_since",
            "stage_since",
        ),
        _partial(
            "ix_orders_payment_unfollowed",
            ("balance_due", "paid_on", "stage", "followed_balance_due"),
            PAYMENT_UNFOLLOWED,
        ),
        _partial(
            "ix_orders_payment_out_of_step",
            ("followed_balance_due", "balance_due", "paid_on", "stage"),
            PAYMENT_OUT_OF_STEP,
        ),
        _partial(
            "ix_orders_stage_out_of_step",
            ("followed_stage_since", "followed_stage", "stage", "stage_since"),
            STAGE_OUT_OF_STEP,
        ),
        # The weekly summary: balances due and not paid by a day, orders arriving soon.
        Index("ix_orders_paid_on_balance_due", "paid_on", "balance_due"),
        Index("ix_orders_eta", "eta"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)
    number_key: Mapped[str] = mapped_column(String(64), unique=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="RESTRICT"), index=True
    )
    owner_id: Mapped[str | None] = mapped_column(
        ForeignKey("members.slack_id", ondelete="SET NULL"), index=True
    )
    stage: Mapped[str] = mapped_column(String(32))
    stage_since: Mapped[datetime]
    incoterm: Mapped[str | None] = mapped_column(String(3))
    amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    supplier: Mapped[str | None] = mapped_column(String(200))
    port_of_loading: Mapped[str | None] = mapped_column(String(100))
    port_of_discharge: Mapped[str | None] = mapped_column(String(100))
    etd: Mapped[date | None] = mapped_column(Date)
    eta: Mapped[date | None] = mapped_column(Date)
    vessel: Mapped[str | None] = mapped_column(String(200))
    # ISO 6346 numbers, in the order they were added.
    containers: Mapped[list[str]] = mapped_column(JSONType, default=list)
    bl_number: Mapped[str | None] = mapped_column(String(64))
    balance_due: Mapped[date | None] = mapped_column(Date)
    paid_on: Mapped[date | None] = mapped_column(Date)
    followed_stage: Mapped[str | None] = mapped_column(String(32))
    followed_stage_since: Mapped[datetime | None]
    followed_balance_due: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class OrderChange(Base):
    """One recorded change: who (a member id, "webhook" or "import"), when, and what."""

    __tablename__ = "order_changes"
    __table_args__ = (
        # The weekly summary reads a week's stage changes, and an order's last before then.
        Index("ix_order_changes_changed_at", "changed_at"),
        Index("ix_order_changes_order_id_changed_at", "order_id", "changed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    changed_at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(16))  # command, csv, webhook
    # {"action": "created" | "updated", "fields": {field: [old, new]}}, values as text
    # (dates ISO, the stage as its key, the owner as a member id).
    changes: Mapped[dict[str, Any]]

    # Lets a change be added with its new order in one flush (the import adds thousands).
    order: Mapped[Order] = relationship()


class OrderWatcher(Base):
    __tablename__ = "order_watchers"

    order_id: Mapped[int] = mapped_column(
        ForeignKey("orders.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[str] = mapped_column(
        ForeignKey("members.slack_id", ondelete="CASCADE"), primary_key=True, index=True
    )
