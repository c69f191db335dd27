"""A required step still open keeps the order in its stage, unless the mover forces it on;
history then says who did, past which steps."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from bot.orders import OrderProblems
from bot.orders.transfer import import_csv
from storage.models import Order, OrderChange
from tests.support.playbooks_data import create_1042, finish, handed_out, move, task_of

DEPOSIT = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)
LATER = DEPOSIT + timedelta(days=1)


def stage_of(core):
    with core.read() as unit:
        return unit.session.scalar(select(Order.stage))


def test_an_open_required_step_refuses_the_move_naming_the_steps_and_their_owners(team_core):
    core = team_core
    create_1042(core)
    move(core, DEPOSIT, "deposit_received")
    finish(core, LATER, "deposit_received", "confirm_deposit")
    with pytest.raises(OrderProblems) as refused:
        move(core, LATER, "production")
    task_id = task_of(core, "release_production")
    assert refused.value.problems[0].text("en") == (
        "Order `1042` cannot leave `deposit_received` yet: required steps are open: "
        f"`#{task_id}` Release production at the factory — order 1042 (ACME Trading) "
        "(<@UWANG>). Finish them, or add `force` at the end to move it on anyway "
        "(history records who did)."
    )
    assert stage_of(core) == "deposit_received"


def test_force_moves_it_on_and_history_records_who_overrode_which_steps(team_core):
    core = team_core
    create_1042(core)
    move(core, DEPOSIT, "deposit_received")
    saved = move(core, LATER, "production", actor="ULI", force=True)
    assert saved.order.stage == "production"
    with core.read() as unit:
        entries = unit.session.scalars(select(OrderChange).order_by(OrderChange.id))
        [entry] = [each for each in entries if "forced" in each.changes]
    assert entry.actor == "ULI"
    assert entry.changes["fields"]["stage"] == ["deposit_received", "production"]
    assert entry.changes["forced"]["by"] == "ULI"
    assert [step["step"] for step in entry.changes["forced"]["open"]] == [
        "confirm_deposit", "release_production",
    ]  # fmt: skip


def test_once_the_required_steps_are_done_the_order_moves_freely(team_core):
    core = team_core
    create_1042(core)
    move(core, DEPOSIT, "deposit_received")
    finish(core, LATER, "deposit_received", "confirm_deposit", "release_production")
    assert move(core, LATER, "production").order.stage == "production"


def test_an_import_cannot_force_a_move_and_reports_the_row(team_core):
    core = team_core
    create_1042(core)
    move(core, DEPOSIT, "deposit_received")
    with freeze_time(LATER):
        report = import_csv(core, io.StringIO("number,stage\n1042,production\n"))
    [bad] = report.bad
    assert bad.line == 2
    assert "cannot leave `deposit_received`" in bad.text("en")
    assert stage_of(core) == "deposit_received"
    assert len(handed_out(core)) == 2
