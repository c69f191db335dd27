"""Escalation policies from config: per kind, role recipients, repeats, empty levels left
out, and a chain that keeps the route it was given when it started."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.bootstrap import build_core
from bot.config import ConfigError, parse_file_config
from bot.escalation import due as escalation_due
from bot.escalation import for_operators
from bot.escalation.config import policy_for, scheduled_levels
from bot.notify import RecordingNotifier
from bot.scheduler import tick
from storage.models import Member
from tests.support import escalation_data as given


def test_a_kind_without_its_own_levels_takes_the_default_and_may_repeat_its_last():
    settings = given.team_settings(
        escalation={
            "levels": [
                {"after_hours": 4, "to": "manager"},
                {"after_hours": 10, "to": "role:finance"},
            ],
            "repeat": 2,
            "order": {"levels": [{"after_hours": 48, "to": "managers_channel"}]},
        }
    )  # fmt: skip

    task = scheduled_levels(policy_for(settings, "task"))
    order = scheduled_levels(policy_for(settings, "order"))

    assert [(number, level.to, hours) for number, level, hours in task] == [
        (1, "manager", 4), (2, "role:finance", 10), (2, "role:finance", 16),
        (2, "role:finance", 22),
    ]  # fmt: skip
    # Its own section left `repeat` to the default: one level comes round every 48 hours.
    assert [(level.to, hours) for _, level, hours in order] == [
        ("managers_channel", 48), ("managers_channel", 96), ("managers_channel", 144),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("levels", "named"),
    [
        ([{"after_hours": 4, "to": "role:chef"}], "escalation.task.levels.0.to"),
        ([{"after_hours": 0, "to": "manager"}], "escalation.task.levels.0.after_hours"),
        ([{"after_hours": 4, "to": "ceo"}], "escalation.task.levels.0.to"),
    ],
)
def test_a_bad_level_stops_start_up_naming_the_key(levels, named):
    with pytest.raises(ConfigError, match=named.replace(".", r"\.")):
        parse_file_config({"escalation": {"task": {"levels": levels}}})


def test_working_hours_must_end_after_they_start():
    with pytest.raises(ConfigError, match="work_end"):
        parse_file_config({"alerts": {"work_start": "18:00", "work_end": "09:00"}})


def test_a_chain_keeps_its_route_when_managers_change_and_skips_a_level_with_nobody(engine):
    settings = given.team_settings()
    notifier = RecordingNotifier()
    core = build_core(settings, engine=engine, notifier=notifier, drain="off", upgrade=False)
    given.seed(core)
    due = given.at(given.NEW_YORK, "2026-10-29 17:00")  # Sarah's task
    tick(core, due, escalation_due.PROVIDERS)
    with core.write() as unit:  # Sarah moves under Carmen after her chain started
        unit.session.get(Member, "USARAH").manager_id = "UCARMEN"
    later = due + timedelta(hours=24)
    tick(core, later, escalation_due.PROVIDERS)
    core.dispatcher.drain()

    assert [m.recipient for m in notifier.sent if m.kind == "escalation.step"] == ["UMIKE"]
    steps = {view.title: view.steps for view in for_operators(core)}
    route = [(s.level, s.recipients) for s in steps["Send the lamp samples to Maple Leaf"]]
    assert route == [(0, ("USARAH",)), (1, ("UMIKE",)), (2, ("UZHOU",))]
    # Zhou's own task: nobody above him, so only the alert is left.
    tick(core, datetime(2026, 11, 6, 4, 0, tzinfo=UTC), escalation_due.PROVIDERS)
    steps = {view.title: view.steps for view in for_operators(core)}
    assert [(s.level, s.recipients) for s in steps["Approve the Q1 price list"]] == [
        (0, ("UZHOU",))
    ]


def test_a_role_level_reaches_the_active_people_with_that_role_admins_named_in_config_included(
    engine,
):
    levels = [{"after_hours": 24, "to": "role:admin"}, {"after_hours": 48, "to": "role:manager"}]
    settings = given.team_settings(escalation={"task": {"levels": levels}})
    core = build_core(settings, engine=engine, notifier=RecordingNotifier(), drain="off",
                      upgrade=False)  # fmt: skip
    given.seed(core)
    with core.write() as unit:  # Carmen, a manager, has left
        unit.session.get(Member, "UCARMEN").active = False

    tick(core, given.at(given.NEW_YORK, "2026-10-29 17:00"), escalation_due.PROVIDERS)

    steps = {view.title: view.steps for view in for_operators(core)}
    route = [(s.level, s.recipients) for s in steps["Send the lamp samples to Maple Leaf"]]
    # Zhou is an admin by config (his stored role is manager): the admins' level, not the
    # managers'; Mike is the one active manager left.
    assert route == [(0, ("USARAH",)), (1, ("UZHOU",)), (2, ("UMIKE",))]
