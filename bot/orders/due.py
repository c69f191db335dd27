"""What of the orders is late, for the escalation chains and the morning list: an order that
stayed in its stage past the stage's SLA, and a balance whose due date passed unpaid.

A balance due date is a calendar day: it is late once that day has ended in the team's zone.
Finance is told of an unpaid balance along with the order's owner.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Select, select

from storage.models import Customer, Order

from .. import team
from ..lateness import Agenda, Late
from ..unit import Unit
from . import pipeline

FINANCE = "finance"


def late_stages(unit: Unit) -> list[Late]:
    return _stages_late_by(unit, unit.now)


def _stages_late_by(unit: Unit, instant: datetime) -> list[Late]:
    """Orders whose stage SLA has run out by `instant` (late from that moment on)."""
    limits = {
        stage.key: timedelta(days=pipeline.sla_days(unit.settings, stage.key))
        for stage in pipeline.stages(unit.settings)
        if pipeline.sla_days(unit.settings, stage.key)
    }
    if not limits:
        return []
    # One plain query for the shortest limit; each stage's own is applied here.
    query = _orders().where(
        Order.stage.in_(list(limits)), Order.stage_since <= instant - min(limits.values())
    )
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


def late_payments(unit: Unit) -> list[Late]:
    query = _unpaid().where(Order.balance_due < _team_today(unit) + timedelta(days=1))
    unpaid = [(order, name) for order, name in unit.session.execute(query)
              if order.balance_due and _day_over(unit, order.balance_due) <= unit.now]  # fmt: skip
    if not unpaid:
        return []
    finance = tuple(m.slack_id for m in team.roster(unit) if m.role == FINANCE)
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
        for late in _stages_late_by(unit, until)
        if late.owner_id == member_id and late.since < until
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


def _title(order: Order, customer: str) -> str:
    return f"{order.number} · {customer}"


def _team_today(unit: Unit) -> date:
    return unit.now.astimezone(ZoneInfo(unit.settings.team.timezone)).date()


def _day_over(unit: Unit, day: date) -> datetime:
    """The instant `day` ends in the team's zone."""
    zone = ZoneInfo(unit.settings.team.timezone)
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
