"""The demo team as `tradeops demo` seeds it: people in three offices and two languages,
customers abroad, an order in every stage, late work, feedback of every severity and two
weeks of standups, all made by the bot's own services, with nothing left to send."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from bot import orders, team
from bot.bootstrap import build_offline_core
from bot.console.demo import DATABASE, prepare
from storage.models import (
    PENDING,
    Customer,
    FeedbackItem,
    Order,
    OrderChange,
    OutboxMessage,
    StandupDay,
    StandupEntry,
    Task,
)

NOW = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)  # Monday 10:00 in Shanghai


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    prepared = prepare(tmp_path_factory.mktemp("demo"), at=NOW)
    core = build_offline_core(prepared.settings)
    yield core
    core.engine.dispose()


def scalars(core, query):
    with core.read() as unit:
        return list(unit.session.scalars(query))


def test_the_team_works_in_three_offices_in_both_languages_with_managers(demo):
    members = team.active_members(demo)
    assert {m.timezone for m in members} == {"Asia/Shanghai", "Europe/Madrid", "America/New_York"}
    assert {m.language for m in members} == {"en", "zh"}
    assert {"sales", "logistics", "finance", "customer_service", "market_dev", "manager"} <= {
        m.role for m in members
    }
    with demo.read() as unit:
        assert team.management_chain(unit, "ULI") == ["UWANG", "UZHOU"]
    assert all(m.manager_id for m in members if m.slack_id != "UZHOU")


def test_customers_are_in_several_countries_and_orders_in_every_stage(demo):
    countries = {c.country for c in scalars(demo, select(Customer))}
    assert len(countries) >= 5
    stages = {o.stage for o in scalars(demo, select(Order))}
    assert stages == {stage.key for stage in demo.settings.orders.stages}


def test_order_1042_is_on_the_water_with_its_whole_history(demo):
    with demo.read() as unit:
        order = orders.get(unit, "1042")
        changes = list(unit.session.scalars(
            select(OrderChange).where(OrderChange.order_id == order.id)
        ))  # fmt: skip
    assert order.stage == "shipped" and order.vessel == "MSC AURORA 612E"
    assert order.containers == ("MSCU4837162", "MEDU8241901")
    assert order.bl_number == "MEDUNB123456"
    assert order.etd == date(2026, 11, 29) and order.eta == date(2026, 12, 31)
    assert len(changes) == 6
    assert {change.actor for change in changes} == {"UANA", "UCHEN"}


def test_a_balance_is_late_and_some_tasks_are_overdue(demo):
    late = [o for o in scalars(demo, select(Order)) if o.balance_due and not o.paid_on
            and o.balance_due < NOW.date()]  # fmt: skip
    assert [o.number for o in late] == ["1035"]
    overdue = [t for t in scalars(demo, select(Task)) if t.status == "open" and t.due_at < NOW]
    assert len(overdue) >= 3
    assert any(t.status == "done" for t in scalars(demo, select(Task)))


def test_feedback_has_every_severity_and_every_status(demo):
    items = scalars(demo, select(FeedbackItem))
    assert {i.severity for i in items} == {"critical", "high", "normal", "low"}
    assert {i.status for i in items} == {"open", "in_progress", "resolved"}


def test_two_weeks_of_standups_are_answered_skipped_or_missed_in_each_language(demo):
    entries = scalars(demo, select(StandupEntry))
    assert Counter(e.status for e in entries).keys() == {"answered", "skipped", "prompted"}
    days = {e.day for e in entries}
    assert min(days) <= date(2026, 11, 24) and max(days) <= date(2026, 12, 7)
    assert any("发" in " ".join(e.answers.values()) for e in entries if e.answers)
    assert any(e.has_blocker for e in entries)
    assert not any(e.day == date(2026, 12, 7) and e.member_id == "ULI" for e in entries)
    assert scalars(demo, select(StandupDay))  # the days their threads belong to


def test_nothing_the_seeding_queued_waits_to_be_sent(demo):
    with demo.read() as unit:
        pending = unit.session.scalar(select(func.count()).where(OutboxMessage.status == PENDING))
        sent = unit.session.scalar(select(func.count()).select_from(OutboxMessage))
    assert pending == 0 and sent > 0


def test_the_demo_is_seeded_once_and_again_only_on_reset(tmp_path):
    first = prepare(tmp_path, at=NOW)
    (tmp_path / "files").mkdir()
    (tmp_path / "mine.txt").write_text("not the demo's", encoding="utf-8")
    again = prepare(tmp_path, at=NOW)
    reset = prepare(tmp_path, at=NOW, reset=True)
    assert (first.seeded, again.seeded, reset.seeded) == (True, False, True)
    assert (tmp_path / DATABASE).is_file() and not (tmp_path / "files").exists()
    assert (tmp_path / "mine.txt").is_file()  # --reset removes only what the demo wrote
