"""A stage's checklist goes out once: re-entering the stage asks first, and neither a
repeated change nor a re-run import makes a task twice."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from freezegun import freeze_time

from bot.orders.transfer import import_csv
from bot.playbooks import service
from tests.support.playbooks_data import create_1042, handed_out, move

BOOKED = datetime(2026, 12, 28, 2, 0, tzinfo=UTC)
CSV = (
    "number,customer,owner,stage,etd\n"
    "1042,ACME Trading,,booked,2027-01-06\n"
    "SO-7,Golden Harbor,,booked,2027-01-20\n"
)


def test_moving_into_a_stage_a_second_time_asks_and_makes_nothing(team_core):
    core = team_core
    create_1042(core)
    first = move(core, BOOKED, "booked").handed_out
    assert (len(first.steps), first.round, first.ask_again) == (3, 1, False)
    assert move(core, BOOKED + timedelta(hours=1), "booked").handed_out is None  # no change
    move(core, BOOKED + timedelta(days=1), "production", force=True)  # the booking fell through
    again = move(core, BOOKED + timedelta(days=2), "booked").handed_out
    assert (again.ask_again, again.round, again.steps) == (True, 2, ())
    assert len(handed_out(core)) == 3


def test_handing_out_again_makes_the_next_round_once_however_often_it_is_pressed(team_core):
    core = team_core
    create_1042(core)
    move(core, BOOKED, "booked")
    move(core, BOOKED + timedelta(days=1), "production", force=True)
    move(core, BOOKED + timedelta(days=2), "booked")
    with freeze_time(BOOKED + timedelta(days=2, hours=1)):
        made = service.hand_out_again(core, "ULI", "1042", "booked", 2)
        pressed_again = service.hand_out_again(core, "ULI", "1042", "booked", 2)
    assert (made.round, len(made.steps)) == (2, 3)
    assert (pressed_again.already, pressed_again.steps) == (True, ())
    assert len(handed_out(core, "booked")) == 6


def test_re_running_the_same_import_creates_no_second_task(team_core):
    core = team_core
    create_1042(core)
    with freeze_time(BOOKED):
        first = import_csv(core, io.StringIO(CSV))
    assert (first.created, first.updated, first.bad) == (1, 1, [])
    steps = handed_out(core)
    assert len(steps) == 6  # 1042 moved into booked, SO-7 was made in booked
    with freeze_time(BOOKED + timedelta(hours=2)):
        second = import_csv(core, io.StringIO(CSV))
    assert (second.created, second.updated, second.unchanged) == (0, 0, 2)
    assert handed_out(core) == steps
