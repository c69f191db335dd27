"""The figures of one seeded week (tests/support/summary_data.py), each worked out by hand
from the rows there, beside the week before's."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.summary import Figure, Money, Row, Week, WeeklySummary, build
from storage.models import EscalationChain
from tests.support.summary_data import MONDAY, POST_TIME, at, seed_week


@pytest.fixture
def summary(core) -> WeeklySummary:
    seed_week(core)
    with core.read(now=POST_TIME) as unit:
        return build(unit, Week(MONDAY, "Asia/Shanghai"))


def test_tasks_count_what_was_made_done_on_time_and_overdue_at_the_weeks_end(summary):
    tasks = summary.tasks
    assert tasks.created == Figure(6, 2)
    assert tasks.done == Figure(4, 1)  # one of them was made the week before
    assert tasks.on_time == Figure(1 / 3, 1.0)  # of those with a due date
    assert tasks.overdue == Figure(2, 1)  # a cancelled task never counts
    assert [(row.name, row.value) for row in tasks.top_overdue] == [("Ana", 1), ("Li", 1)]
    assert [each.rate for each in tasks.trend] == [None] * 6 + [1.0, 1 / 3]
    assert tasks.trend[-1].monday == MONDAY


def test_orders_stand_by_stage_at_each_weeks_end_read_back_from_their_history(summary):
    orders = summary.orders
    by_stage = {row.key: (row.value, row.before) for row in orders.by_stage}
    assert by_stage == {
        "confirmed": (1, 0), "deposit_received": (0, 0), "production": (1, 1), "qc": (1, 1),
        "booked": (0, 1), "shipped": (2, 1), "arrived": (0, 0),
    }  # fmt: skip
    assert orders.by_stage[2].names == {"en": "Production", "zh": "生产中"}
    assert orders.shipped == Figure(1, 1)
    assert orders.arriving == Figure(1, 1)
    assert orders.stuck == Figure(2, 2)  # PO-2 in QC, PO-6 confirmed; before PO-3 booked
    assert orders.balances_overdue == Figure(2, 1)  # PO-5 was paid in time
    assert orders.balances == (
        Money("CNY", 1, Decimal("1200.50")),
        Money("USD", 1, Decimal("5000.00")),
    )


def test_feedback_counts_medians_sla_and_what_is_still_open(summary):
    feedback = summary.feedback
    assert feedback.new == Figure(5, 2)
    assert feedback.resolved == Figure(3, 1)
    assert feedback.first_response == Figure(2 * 3600.0, 3.5 * 3600)
    assert feedback.resolution == Figure(48 * 3600.0, 24 * 3600.0)
    assert feedback.sla_met == Figure(1 / 3, 1.0)
    assert [(r.key, r.value, r.before) for r in feedback.open_by_severity] == [
        ("critical", 2, 0), ("high", 0, 1), ("normal", 0, 0), ("low", 1, 0),
    ]  # fmt: skip
    assert feedback.categories == (
        Row("quality", 3, 1), Row("delivery_delay", 1, 0), Row("packaging", 1, 1),
    )  # fmt: skip


def test_standups_show_participation_by_person_lowest_first_and_blockers(summary):
    standups = summary.standups
    assert standups.participation == Figure(9 / 12, 9 / 10)
    assert [(r.name, r.value, r.before) for r in standups.people] == [
        ("Wang", 0.5, None), ("Ana", 0.6, 1.0), ("Li", 1.0, 0.8),
    ]  # fmt: skip
    assert standups.blockers == Figure(2, 0)
    assert standups.blockers_open == Figure(1, 0)


def test_kudos_count_the_thank_yous_and_who_was_thanked(summary):
    assert summary.kudos.given == Figure(2, 1)
    assert [(row.name, row.value) for row in summary.kudos.thanked] == [("Li", 2), ("Ana", 1)]


def test_a_summary_survives_the_trip_through_the_outbox_unchanged(summary):
    assert WeeklySummary.from_payload(summary.as_payload()) == summary


def test_a_week_with_nothing_in_it_is_empty(core):
    with core.read(now=POST_TIME) as unit:
        summary = build(unit, Week(date(2026, 11, 30), "Asia/Shanghai"))
    assert summary.is_empty
    assert summary.tasks.trend[-1].rate is None


def chain(session, number, opened, acknowledged=None):
    session.add(EscalationChain(
        key=f"task:{number}", kind="task", subject=f"task:{number}", subject_id=number,
        title=f"task {number}", detail={}, late_since=at(opened), steps=[],
        created_at=at(opened), acknowledged_at=at(acknowledged) if acknowledged else None,
    ))  # fmt: skip


def test_escalations_give_the_median_time_from_a_chains_start_to_its_acknowledgement(core):
    with core.write() as unit:
        chain(unit.session, 1, "2026-11-30 10:00", "2026-11-30 11:00")  # 1 hour
        chain(unit.session, 2, "2026-12-01 09:00", "2026-12-01 12:00")  # 3 hours
        chain(unit.session, 3, "2026-12-04 18:00", "2026-12-05 04:00")  # 10 hours
        chain(unit.session, 4, "2026-12-02 09:00")  # never acknowledged: not in the median
        chain(unit.session, 5, "2026-11-25 09:00", "2026-11-25 14:00")  # the week before: 5 h
    with core.read(now=POST_TIME) as unit:
        escalations = build(unit, Week(MONDAY, "Asia/Shanghai")).escalations

    assert escalations.opened == Figure(4, 1)
    assert escalations.acknowledged == Figure(3, 1)
    assert escalations.to_acknowledge == Figure(3 * 3600.0, 5 * 3600.0)
