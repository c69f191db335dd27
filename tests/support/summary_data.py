"""One seeded week for the summary tests: Monday 30 November to Sunday 6 December 2026 in
Shanghai, and the week before. Rows are written straight to the database at the local times
given, so each figure the tests state can be worked out by hand from this file."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from storage.models import (
    Customer,
    FeedbackItem,
    Kudos,
    KudosThanked,
    Member,
    Order,
    OrderChange,
    StandupEntry,
    Task,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
MONDAY = date(2026, 11, 30)
SUNDAY = date(2026, 12, 6)
POST_TIME = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)  # Monday 09:00 in Shanghai
PEOPLE = {"UMGR": ("Boss", "manager"), "UANA": ("Ana", "sales"), "ULI": ("Li", "logistics"),
          "UWANG": ("Wang", "customer_service"), "UADMIN": ("Admin", "member")}  # fmt: skip


def at(local: str) -> datetime:
    """ "2026-12-01 10:00" in Shanghai, as the UTC instant the database keeps."""
    return datetime.fromisoformat(local).replace(tzinfo=SHANGHAI).astimezone(UTC)


def people(session: Any, locale: str = "en-US") -> None:
    for slack_id, (name, role) in PEOPLE.items():
        session.add(Member(
            slack_id=slack_id, name=name.lower(), real_name=name, role=role,
            slack_tz="Asia/Shanghai", slack_locale=locale, active=True, is_bot=False,
            created_at=at("2026-11-24 09:00"), updated_at=at("2026-11-24 09:00"),
        ))  # fmt: skip
    session.flush()


def task(
    session: Any, created: str, assignee: str, due: str | None = None, done: str | None = None,
    status: str | None = None, changed: str | None = None,
) -> None:  # fmt: skip
    session.add(Task(
        title=f"task made {created}", status=status or ("done" if done else "open"),
        priority="normal", assignee_id=assignee, creator_id="UMGR", created_at=at(created),
        updated_at=at(changed or done or created), due_at=at(due) if due else None,
        completed_at=at(done) if done else None,
    ))  # fmt: skip


def tasks(session: Any) -> None:
    task(session, "2026-12-01 10:00", "UANA", due="2026-12-02 18:00", done="2026-12-02 12:00")
    task(session, "2026-12-01 11:00", "UANA", due="2026-12-02 18:00", done="2026-12-03 09:00")
    task(session, "2026-12-02 10:00", "UANA", due="2026-12-04 18:00")
    task(session, "2026-12-03 10:00", "ULI", due="2026-12-05 18:00")
    task(session, "2026-12-03 11:00", "UANA", done="2026-12-04 10:00")
    task(session, "2026-12-04 10:00", "ULI", due="2026-12-10 18:00")
    # the week before
    task(session, "2026-11-24 10:00", "ULI", due="2026-11-25 18:00", done="2026-11-25 17:00")
    task(session, "2026-11-25 10:00", "UANA", due="2026-11-27 18:00", done="2026-12-01 10:00")
    task(session, "2026-11-20 10:00", "ULI", due="2026-11-21 18:00", status="cancelled",
         changed="2026-11-22 10:00")  # fmt: skip


def order(session: Any, number: str, created: str, stage: str, since: str,
          moves: tuple[tuple[str, str, str], ...] = (), **fields: Any) -> None:  # fmt: skip
    """An order made at `created` in its first stage, then moved (when, from, to)."""
    first = moves[0][1] if moves else stage
    row = Order(
        number=number, number_key=number.casefold(), customer_id=fields.pop("customer"),
        stage=stage, stage_since=at(since), containers=[], created_at=at(created),
        updated_at=at(since), **fields,
    )  # fmt: skip
    session.add(row)
    session.flush()
    history = [(created, None, first), *((when, old, new) for when, old, new in moves)]
    for index, (when, old, new) in enumerate(history):
        action = "created" if index == 0 else "updated"
        changes = {"action": action, "fields": {"stage": [old, new]}}
        session.add(OrderChange(order_id=row.id, changed_at=at(when), actor="UANA",
                                source="command", changes=changes))  # fmt: skip


def orders(session: Any) -> None:
    acme = Customer(name="ACME", name_key="acme", created_at=at("2026-11-01 09:00"))
    session.add(acme)
    session.flush()
    c = acme.id
    order(
        session,
        "PO-1",
        "2026-11-10 10:00",
        "production",
        "2026-11-20 10:00",
        (("2026-11-20 10:00", "confirmed", "production"),),
        customer=c,
    )
    order(
        session,
        "PO-2",
        "2026-11-10 10:00",
        "qc",
        "2026-11-12 10:00",
        (("2026-11-12 10:00", "confirmed", "qc"),),
        customer=c,
    )
    order(
        session,
        "PO-3",
        "2026-11-15 10:00",
        "shipped",
        "2026-12-02 10:00",
        (("2026-12-02 10:00", "booked", "shipped"),),
        customer=c,
        eta=date(2026, 12, 12),
    )
    order(
        session,
        "PO-4",
        "2026-11-16 10:00",
        "delivered",
        "2026-11-25 10:00",
        (("2026-11-25 10:00", "confirmed", "delivered"),),
        customer=c,
        balance_due=date(2026, 11, 20),
        amount=Decimal("5000.00"),
        currency="USD",
    )
    order(
        session,
        "PO-5",
        "2026-11-01 10:00",
        "shipped",
        "2026-11-26 10:00",
        (("2026-11-26 10:00", "booked", "shipped"),),
        customer=c,
        eta=date(2026, 11, 29),
        balance_due=date(2026, 12, 3),
        paid_on=date(2026, 12, 5),
        amount=Decimal("800.00"),
        currency="USD",
    )
    order(session, "PO-6", "2026-12-03 10:00", "confirmed", "2026-12-03 10:00", customer=c,
          balance_due=date(2026, 12, 5), amount=Decimal("1200.50"), currency="CNY")  # fmt: skip


def item(session: Any, customer: int, created: str, severity: str, category: str,
         responded: str | None = None, resolved: str | None = None) -> None:  # fmt: skip
    from bot.feedback import sla_for
    from tests.conftest import make_settings

    sla = sla_for(make_settings(), severity)
    logged = at(created)
    session.add(FeedbackItem(
        customer_id=customer, category=category, severity=severity,
        status="resolved" if resolved else ("in_progress" if responded else "open"),
        text=f"{category} complaint", created_at=logged, updated_at=logged,
        first_response_due_at=logged + timedelta(hours=sla.first_response_hours),
        resolution_due_at=logged + timedelta(hours=sla.resolution_hours),
        first_responded_at=at(responded) if responded else None,
        resolved_at=at(resolved) if resolved else None, reporter_id="UWANG", assignee_id="UWANG",
    ))  # fmt: skip


def feedback(session: Any) -> None:
    customer = session.query(Customer).first().id
    item(
        session,
        customer,
        "2026-12-01 10:00",
        "normal",
        "quality",
        responded="2026-12-01 12:00",
        resolved="2026-12-02 10:00",
    )
    item(
        session,
        customer,
        "2026-12-01 11:00",
        "high",
        "quality",
        responded="2026-12-01 21:00",
        resolved="2026-12-03 11:00",
    )
    item(
        session, customer, "2026-12-02 09:00", "critical", "packaging", responded="2026-12-02 10:00"
    )
    item(session, customer, "2026-12-03 10:00", "critical", "quality")
    item(session, customer, "2026-12-04 10:00", "low", "delivery_delay")
    # the week before
    item(
        session,
        customer,
        "2026-11-24 10:00",
        "normal",
        "packaging",
        responded="2026-11-24 14:00",
        resolved="2026-11-25 10:00",
    )
    item(session, customer, "2026-11-26 10:00", "high", "quality",
         responded="2026-11-26 13:00", resolved="2026-12-01 10:00")  # fmt: skip


def entry(session: Any, member: str, day: date, status: str, blocker: bool = False,
          helper: str | None = None) -> None:  # fmt: skip
    prompted = datetime.combine(day, datetime.min.time(), tzinfo=SHANGHAI).astimezone(UTC)
    session.add(StandupEntry(
        key=f"daily:{member}:{day.isoformat()}", standup="daily", member_id=member, day=day,
        status=status, prompted_at=prompted, cutoff_at=prompted, revision=0,
        has_blocker=blocker, helper_id=helper,
    ))  # fmt: skip


def standups(session: Any) -> None:
    week = [MONDAY + timedelta(days=d) for d in range(5)]
    for day, status in zip(week, ["answered"] * 3 + ["skipped", "prompted"], strict=True):
        wednesday = day == week[2]  # Ana is blocked; Li helps
        entry(session, "UANA", day, status, blocker=wednesday, helper="ULI" if wednesday else None)
    for day in week:
        entry(session, "ULI", day, "answered", blocker=day == week[1])
    entry(session, "UWANG", week[0], "prompted")
    entry(session, "UWANG", week[1], "answered")
    before = [MONDAY - timedelta(days=7 - d) for d in range(5)]
    for day in before:
        entry(session, "UANA", day, "answered")
        entry(session, "ULI", day, "answered" if day != before[4] else "prompted")


def kudos(session: Any) -> None:
    for giver, thanked, when in [("UMGR", ["UANA", "ULI"], "2026-12-02 10:00"),
                                 ("UANA", ["ULI"], "2026-12-03 10:00"),
                                 ("UWANG", ["UANA"], "2026-11-25 10:00")]:  # fmt: skip
        row = Kudos(giver_id=giver, reason="for the help", created_at=at(when))
        session.add(row)
        session.flush()
        for member in thanked:
            session.add(KudosThanked(kudos_id=row.id, member_id=member, created_at=at(when)))


def seed_week(core: Any, locale: str = "en-US") -> None:
    """Everything above, in one unit."""
    with core.write() as unit:
        people(unit.session, locale)
        for part in (tasks, orders, feedback, standups, kudos):
            part(unit.session)
