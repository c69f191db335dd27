"""What of the orders is late, for the escalation chains and the morning list: an order that
stayed in its stage past the stage's SLA, and a balance whose due date passed unpaid.

A balance due date is a calendar day: it is late once that day has ended in the team's zone.
Finance is told of an unpaid balance along with the order's owner.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Date, Select, bindparam, select, text, update

from storage import db
from storage.models import Customer, Order
from storage.models.orders import PAYMENT_OUT_OF_STEP, PAYMENT_UNFOLLOWED, STAGE_OUT_OF_STEP

from .. import team
from ..lateness import Agenda, Late, Source, chunks
from ..unit import Unit
from . import pipeline

FINANCE = "finance"


def stages_out_of_step(unit: Unit) -> set[int]:
    """Orders whose stage SLA ran out and that are not followed yet (a query per stage, each
    reading only its late orders), and followed ones that moved on since."""
    queries = [
        select(Order.id).where(
            Order.stage == stage,
            Order.followed_stage_since.is_(None),
            Order.stage_since <= unit.now - limit,
        )
        for stage, limit in _limits(unit).items()
    ]
    queries.append(select(Order.id).where(text(STAGE_OUT_OF_STEP)))
    return {id_ for query in queries for id_ in unit.session.scalars(query)}


def follow_stages(unit: Unit, ids: Collection[int], late: list[Late]) -> None:
    """Each order marked with the stage (and since when) it was found late in."""
    marks = {
        item.subject_id: {
            "followed_stage": item.detail["stage"],
            "followed_stage_since": item.since - timedelta(days=item.detail["sla_days"]),
        }
        for item in late
    }
    _mark(unit, ids, marks, {"followed_stage": None, "followed_stage_since": None})


def late_stages(unit: Unit, among: Collection[int] | None = None) -> list[Late]:
    """Orders late in their stage (of `among` only, when given)."""
    found = []
    for ids in chunks(among):
        found += _stages_late_by(unit, unit.now, None if ids is None else Order.id.in_(ids))
    return found


def _limits(unit: Unit) -> dict[str, timedelta]:
    return {
        stage.key: timedelta(days=pipeline.sla_days(unit.settings, stage.key))
        for stage in pipeline.stages(unit.settings)
        if pipeline.sla_days(unit.settings, stage.key)
    }


def _past(limits: dict[str, timedelta], instant: datetime) -> tuple[Any, ...]:
    """One plain condition for the shortest limit; each stage's own is applied after."""
    return Order.stage.in_(list(limits)), Order.stage_since <= instant - min(limits.values())


def _stages_late_by(unit: Unit, instant: datetime, among: Any = None) -> list[Late]:
    """Orders whose stage SLA has run out by `instant` (late from that moment on)."""
    limits = _limits(unit)
    if not limits:
        return []
    query = _orders().where(*_past(limits, instant))
    query = query if among is None else query.where(among)
    return [
        _late_stage(unit, order, name)
        for order, name in unit.session.execute(query.order_by(Order.stage_since, Order.id))
        if order.stage_since + limits[order.stage] <= instant
    ]


def _late_stage(unit: Unit, order: Order, customer: str) -> Late:
    days = pipeline.sla_days(unit.settings, order.stage)
    since = order.stage_since + timedelta(days=days)
    detail = {
        "number": order.number,
        "customer": customer,
        "stage": order.stage,
        "stage_names": pipeline.names(unit.settings, order.stage),
        "sla_days": days,
    }
    return Late("order", f"order:{order.id}:{order.stage}", order.id, since, order.owner_id,
                _title(order, customer), detail)  # fmt: skip


def payments_out_of_step(unit: Unit) -> set[int]:
    """Balances unpaid past their day (it ended before the team's today began) and not
    followed yet, and followed ones paid, cancelled or given another due date since."""
    unfollowed = _unfollowed_payments(unit.session.get_bind().dialect.name)
    changed = select(Order.id).where(text(PAYMENT_OUT_OF_STEP))
    return set(unit.session.scalars(unfollowed, {"today": _team_today(unit)})) | set(
        unit.session.scalars(changed)
    )


def _unfollowed_payments(dialect: str) -> Any:
    """Unpaid balances past a day and not followed yet, read through their partial index.
    SQLite's planner, on statistics taken while that index still held every late balance,
    prefers the wider (paid_on, balance_due) index and reads every unpaid balance on each
    tick; the partial index holds only those not followed yet, usually none."""
    through = " INDEXED BY ix_orders_payment_unfollowed" if dialect == "sqlite" else ""
    query = f"SELECT id FROM orders{through} WHERE {PAYMENT_UNFOLLOWED} AND balance_due < :today"
    return text(query).bindparams(bindparam("today", type_=Date())).columns(Order.id)


def follow_payments(unit: Unit, ids: Collection[int], late: list[Late]) -> None:
    """Each order marked with the balance due date it was found unpaid past."""
    marks = {
        item.subject_id: {"followed_balance_due": date.fromisoformat(item.detail["balance_due"])}
        for item in late
    }
    _mark(unit, ids, marks, {"followed_balance_due": None})


def _mark(
    unit: Unit, ids: Collection[int], marks: dict[int, dict[str, Any]], cleared: dict[str, Any]
) -> None:
    """The marks as read (a change committed meanwhile stays out of step); the rest cleared."""
    for part in db.in_slices(sorted(set(ids) - set(marks))):
        unit.session.execute(update(Order).where(Order.id.in_(part)).values(**cleared))
    if marks:
        rows = [{"id": id_, **values} for id_, values in sorted(marks.items())]
        unit.session.execute(update(Order), rows)


def late_payments(unit: Unit, among: Collection[int] | None = None) -> list[Late]:
    """Balances due and unpaid (of the orders `among` only, when given)."""
    unpaid = []
    for ids in chunks(among):
        query = _unpaid().where(*_unpaid_by(unit))
        query = query if ids is None else query.where(Order.id.in_(ids))
        unpaid += [(order, name) for order, name in unit.session.execute(query)
                   if _is_over(unit, order)]  # fmt: skip
    if not unpaid:
        return []
    finance = tuple(member.slack_id for member in team.with_role(unit, FINANCE))
    return [_late_payment(unit, order, name, finance) for order, name in unpaid]


def _late_payment(unit: Unit, order: Order, customer: str, finance: tuple[str, ...]) -> Late:
    assert order.balance_due is not None
    detail = {
        "number": order.number, "customer": customer,
        "balance_due": order.balance_due.isoformat(),
        "amount": str(order.amount) if order.amount is not None else None,
        "currency": order.currency,
    }  # fmt: skip
    since = _day_over(unit, order.balance_due)
    also = tuple(member for member in finance if member != order.owner_id)
    return Late("payment", f"payment:{order.id}", order.id, since, order.owner_id,
                _title(order, customer), detail, also)  # fmt: skip


STAGES = Source("order", stages_out_of_step, late_stages, follow_stages)
PAYMENTS = Source("payment", payments_out_of_step, late_payments, follow_payments)


def outcome(unit: Unit, kind: str, order_id: int) -> str:
    """What became of an order that is no longer late: paid, moved on, or its terms changed."""
    order = unit.session.get(Order, order_id)
    if order is None:
        return "gone"
    if order.stage == "cancelled":
        return "cancelled"
    if kind == "payment":
        return "paid" if order.paid_on else "rescheduled"
    return "moved_on"


def agenda(unit: Unit, member_id: str, until: datetime) -> list[Agenda]:
    """The member's orders whose stage SLA runs out by `until` (or ran out), and their
    unpaid balances due by then."""
    lines = [
        Agenda("order", late.subject_id, late.title, late.since, late.since <= unit.now,
               late.since - timedelta(days=late.detail["sla_days"]), late.detail)
        for late in _stages_late_by(unit, until, Order.owner_id == member_id)
        if late.since < until
    ]  # fmt: skip
    query = _unpaid().where(Order.owner_id == member_id)
    for order, customer in unit.session.execute(query):
        assert order.balance_due is not None
        due_at = _day_over(unit, order.balance_due)
        if due_at <= until:
            detail = {"balance_due": order.balance_due.isoformat()}
            lines.append(Agenda("payment", order.id, _title(order, customer), due_at,
                                due_at <= unit.now, order.created_at, detail))  # fmt: skip
    return lines


def _orders() -> Select[Order, str]:
    return select(Order, Customer.name).join(Customer, Customer.id == Order.customer_id)


def _unpaid() -> Select[Order, str]:
    return (
        _orders()
        .where(
            Order.balance_due.is_not(None),
            Order.paid_on.is_(None),
            Order.stage.not_in(("cancelled",)),
        )
        .order_by(Order.balance_due, Order.id)
    )


def _is_over(unit: Unit, order: Order) -> bool:
    return order.balance_due is not None and _day_over(unit, order.balance_due) <= unit.now


def _unpaid_by(unit: Unit) -> tuple[Any, ...]:
    """Unpaid balances whose day may have ended by now (the exact instant is checked after)."""
    return (
        Order.balance_due < _team_today(unit) + timedelta(days=1),
        Order.paid_on.is_(None),
        Order.stage.not_in(("cancelled",)),
    )


def _title(order: Order, customer: str) -> str:
    return f"{order.number} · {customer}"


def _team_today(unit: Unit) -> date:
    return unit.now.astimezone(ZoneInfo(unit.settings.team.timezone)).date()


def _day_over(unit: Unit, day: date) -> datetime:
    """The instant `day` ends in the team's zone."""
    zone = ZoneInfo(unit.settings.team.timezone)
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
