"""Who a step goes to when the plan cannot hold, and when it is due when its date is unknown
or already past."""

from __future__ import annotations

from datetime import UTC, datetime

from freezegun import freeze_time

from bot import orders
from bot.playbooks import queries
from storage.models import Member
from tests.support.playbooks_data import create_1042, handed_out, move

DEPOSIT = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)
BOOKED = datetime(2026, 12, 28, 2, 0, tzinfo=UTC)  # Monday 10:00 in Shanghai


def checklist(core, stage):
    with core.read() as unit:
        order = orders.find_by_number(unit, "1042")
        return queries.checklist(unit, order.id, stage)


def test_with_nobody_in_the_role_the_owner_takes_the_step_and_the_checklist_says_so(team_core):
    core = team_core
    with core.write() as unit:
        unit.session.get(Member, "UCHEN").active = False  # finance has left
    create_1042(core)
    move(core, DEPOSIT, "deposit_received")
    assert [(step, who) for step, who, *_ in handed_out(core)] == [
        ("confirm_deposit", "UWANG"), ("release_production", "UWANG"),
    ]  # fmt: skip
    steps = checklist(core, "deposit_received").steps
    assert [step.note for step in steps] == ["no_role", None]


def test_a_step_due_around_an_unset_etd_has_no_due_date_yet(team_core):
    core = team_core
    with freeze_time(DEPOSIT), core.write() as unit:
        orders.save(unit, "ULI", "command", "1042", {"customer": "ACME", "owner": "UWANG"},
                    mode="create")  # fmt: skip
    move(core, BOOKED, "booked")
    assert [(step, due) for step, _, _, due, _ in handed_out(core)] == [
        ("shipping_instructions", ""), ("book_truck", ""), ("check_vgm", ""),
    ]  # fmt: skip


def test_a_due_day_already_past_is_due_at_the_end_of_todays_workday(team_core):
    core = team_core
    create_1042(core)  # ETD Wed 6 Jan
    move(core, datetime(2027, 1, 4, 2, 0, tzinfo=UTC), "booked")  # Monday 10:00 in Shanghai
    assert [(step, due) for step, _, _, due, _ in handed_out(core)] == [
        ("shipping_instructions", "2027-01-04T10:00:00+00:00"),  # ETD-5d is gone: today 18:00
        ("book_truck", "2027-01-04T10:00:00+00:00"),
        ("check_vgm", "2027-01-05T10:00:00+00:00"),  # ETD-1d is still ahead
    ]
