"""An order moving through the default pipeline hands each stage's checklist out, from the
example config: the expected tasks, for the expected people, due when the rules say."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from storage.models import OrderChange, OutboxMessage
from tests.support.playbooks_data import create_1042, finish, handed_out, move

DEPOSIT = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)  # Wed 04:00 in Shanghai, Tue 21:00 Madrid
PRODUCTION = datetime(2026, 12, 4, 2, 0, tzinfo=UTC)
QC = datetime(2026, 12, 20, 2, 0, tzinfo=UTC)
BOOKED = datetime(2026, 12, 28, 2, 0, tzinfo=UTC)  # Monday 10:00 in Shanghai
SHIPPED = datetime(2027, 1, 6, 3, 0, tzinfo=UTC)  # Wednesday 11:00 in Shanghai, the ETD


def test_each_stage_hands_out_its_steps_to_the_right_people_due_on_their_workdays(team_core):
    core = team_core
    create_1042(core)
    assert handed_out(core) == []  # "confirmed" has no playbook

    move(core, DEPOSIT, "deposit_received")
    assert handed_out(core, "deposit_received") == [
        # finance, read in Shanghai: the stage began on Wednesday 2 Dec there, +1d is Thursday
        ("confirm_deposit", "UCHEN", "核对定金金额 — 订单 1042（ACME Trading）",
         "2026-12-03T10:00:00+00:00", True),
        # the owner, read in Madrid: it began on Tuesday 1 Dec there, +2d is Thursday 18:00
        ("release_production", "UWANG",
         "Release production at the factory — order 1042 (ACME Trading)",
         "2026-12-03T17:00:00+00:00", True),
    ]  # fmt: skip
    finish(core, PRODUCTION, "deposit_received", "confirm_deposit", "release_production")
    move(core, PRODUCTION, "production")
    move(core, QC, "qc")
    assert len(handed_out(core)) == 2  # production and QC have no playbook

    move(core, BOOKED, "booked")
    assert handed_out(core, "booked") == [
        # ETD Wed 6 Jan - 5 days is Fri 1 Jan, New Year's Day in China: the Thursday before.
        # zhou and an both have no open task; zhou is in the owner's team (boss's).
        ("shipping_instructions", "UZHOU",
         "Send the shipping instructions — order 1042 (ACME Trading)",
         "2026-12-31T10:00:00+00:00", True),
        # ETD - 3 days is Sunday 3 Jan; Saturday, then the holiday: Thursday again
        ("book_truck", "UZHOU", "Book the truck — order 1042 (ACME Trading)",
         "2026-12-31T10:00:00+00:00", False),
        ("check_vgm", "UZHOU", "Check the container's VGM — order 1042 (ACME Trading)",
         "2027-01-05T10:00:00+00:00", True),
    ]  # fmt: skip

    finish(core, SHIPPED, "booked", "shipping_instructions", "check_vgm")  # the truck stays open
    move(core, SHIPPED, "shipped")
    assert handed_out(core, "shipped") == [
        # zhou still has the truck open; an has nothing: the fewest open tasks wins
        ("check_bl_draft", "UAN", "Check the B/L draft — order 1042 (ACME Trading)",
         "2027-01-07T10:00:00+00:00", True),
        # ETA Wed 10 Feb - 7 days: Wednesday 3 Feb, 18:00 in Madrid for the owner
        ("send_documents", "UWANG",
         "Send the documents to the customer — order 1042 (ACME Trading)",
         "2027-02-03T17:00:00+00:00", False),
    ]  # fmt: skip
    move(core, datetime(2027, 2, 12, 2, 0, tzinfo=UTC), "arrived", force=True)
    assert len(handed_out(core)) == 7  # arrived has no playbook


def test_each_assignee_is_told_once_of_all_their_new_tasks_and_history_keeps_the_list(team_core):
    core = team_core
    create_1042(core)
    move(core, DEPOSIT, "deposit_received")
    finish(core, PRODUCTION, "deposit_received", "confirm_deposit", "release_production")
    move(core, PRODUCTION, "production")
    move(core, BOOKED, "booked")
    with core.read() as unit:
        told = list(unit.session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "playbooks.new_tasks")
            .order_by(OutboxMessage.id)
        ))  # fmt: skip
        kinds = set(unit.session.scalars(select(OutboxMessage.kind)))
        entries = list(unit.session.scalars(select(OrderChange).order_by(OrderChange.id)))
    assert [(m.recipient, len(m.payload["steps"])) for m in told] == [
        ("UCHEN", 1), ("UWANG", 1), ("UZHOU", 3),
    ]  # fmt: skip
    assert "task.assigned" not in kinds  # one list per person, not a DM per task
    checklists = [entry.changes for entry in entries if entry.changes["action"] == "checklist"]
    assert [(each["stage"], [step["step"] for step in each["steps"]]) for each in checklists] == [
        ("deposit_received", ["confirm_deposit", "release_production"]),
        ("booked", ["shipping_instructions", "book_truck", "check_vgm"]),
    ]
    assert checklists[1]["steps"][0]["assignee"] == "UZHOU"
