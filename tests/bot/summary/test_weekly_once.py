"""One weekly post per week: with two scheduler processes beating at once, across a
restart, and late (but once) for a week whose post time passed while the bot was down."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import update

from bot.bootstrap import build_core
from bot.clock import FixedClock
from bot.notify import RecordingNotifier
from bot.scheduler import run_pass
from bot.summary.due import weeks_due
from storage import db
from storage.models import Member
from tests.support.replicas import beat_together
from tests.support.summary_data import POST_TIME, at, seed_week

KIND = "summary.weekly"


@pytest.fixture
def notifier():
    return RecordingNotifier()


def scheduler(settings, engine, notifier):
    """A scheduler process of its own: its own engine (connections) on the same database."""
    url = engine.url.render_as_string(hide_password=False)
    return build_core(settings, engine=db.make_engine(url), notifier=notifier,
                      clock=FixedClock(POST_TIME), drain="off", upgrade=False)  # fmt: skip


def run_at(core, instant):
    """A beat at `instant`, with the core's clock (the dispatcher's too) set to it."""
    core.clock.instant = instant
    run_pass(core, instant)


def weeks_posted(notifier):
    return Counter(m.payload["monday"] for m in notifier.sent if m.kind == KIND)


def beat_every(core, start, hours, step=timedelta(minutes=15)):
    instant = start
    while instant < start + timedelta(hours=hours):
        run_at(core, instant)
        instant += step


def test_two_scheduler_processes_beating_together_post_each_week_once(settings, engine, notifier):
    seed_week(build_core(settings, engine=engine, drain="off", upgrade=False))
    replicas = [scheduler(settings, engine, notifier) for _ in range(2)]
    # Sunday evening to Tuesday: the post time passes while both are beating
    errors = beat_together(
        replicas, lambda core: beat_every(core, POST_TIME - timedelta(hours=12), hours=36)
    )
    assert errors == []
    # the week before was due already when they started; the seeded week at 09:00 Monday
    assert weeks_posted(notifier) == {"2026-11-23": 1, "2026-11-30": 1}
    (post,) = [m for m in notifier.sent if m.kind == KIND and m.payload["monday"] == "2026-11-30"]
    assert post.recipient == "CMANAGERS" and post.payload["tasks"]["created"]["value"] == 6


def test_a_restarted_bot_does_not_post_the_week_again(settings, engine, notifier):
    first = scheduler(settings, engine, notifier)
    seed_week(first)
    run_at(first, POST_TIME)
    first.engine.dispose()
    restarted = scheduler(settings, engine, notifier)
    beat_every(restarted, POST_TIME + timedelta(minutes=1), hours=24)
    restarted.engine.dispose()
    assert weeks_posted(notifier) == {"2026-11-23": 1, "2026-11-30": 1}


def test_a_week_missed_while_the_bot_was_down_is_posted_late_when_it_comes_back_once(
    settings, engine, notifier
):
    core = scheduler(settings, engine, notifier)
    seed_week(core)
    run_at(core, POST_TIME - timedelta(weeks=1))  # posts the week of 23 November
    # down from Sunday until Wednesday: Monday 09:00 passed unseen
    beat_every(core, POST_TIME + timedelta(days=2), hours=6)
    core.engine.dispose()
    assert weeks_posted(notifier) == {"2026-11-23": 1, "2026-11-30": 1}
    late = next(m for m in notifier.sent if m.kind == KIND and m.payload["monday"] == "2026-11-30")
    assert late.now is not None and late.now >= POST_TIME + timedelta(days=2)


def test_down_over_two_mondays_both_missed_weeks_are_posted_once_each(settings, engine, notifier):
    core = scheduler(settings, engine, notifier)
    seed_week(core)
    run_at(core, POST_TIME - timedelta(weeks=1))
    beat_every(core, POST_TIME + timedelta(weeks=1, hours=3), hours=2)
    core.engine.dispose()
    assert weeks_posted(notifier) == {"2026-11-23": 1, "2026-11-30": 1, "2026-12-07": 1}


def test_a_new_install_starts_with_the_first_post_time_after_it_met_the_team(settings, engine):
    core = build_core(settings, engine=engine, drain="off", upgrade=False)
    with core.read(now=POST_TIME) as unit:
        assert weeks_due(unit) == []  # nobody to sum up yet
    seed_week(core)  # the team was met on 24 November, before the post of 30 November
    with core.read(now=POST_TIME) as unit:
        assert [week.monday.isoformat() for week in weeks_due(unit)] == ["2026-11-23", "2026-11-30"]
    with core.write() as unit:  # met on Tuesday: the week before had been posted by then
        unit.session.execute(update(Member).values(created_at=at("2026-12-01 10:00")))
    with core.read(now=POST_TIME) as unit:
        assert [week.monday.isoformat() for week in weeks_due(unit)] == ["2026-11-30"]


def test_before_the_post_time_on_monday_the_week_just_ended_waits(settings, engine, notifier):
    core = scheduler(settings, engine, notifier)
    seed_week(core)
    run_at(core, POST_TIME - timedelta(weeks=1))
    run_at(core, POST_TIME - timedelta(minutes=1))
    core.engine.dispose()
    assert weeks_posted(notifier) == {"2026-11-23": 1}


def test_no_managers_channel_or_a_disabled_summary_posts_nothing(settings, engine, notifier):
    from tests.conftest import make_settings

    seed_week(build_core(settings, engine=engine, drain="off", upgrade=False))
    for sections in ({"channels": {"managers": ""}},
                     {"channels": {"managers": "CM"}, "summary": {"enabled": False}}):  # fmt: skip
        core = scheduler(make_settings(**sections), engine, notifier)
        run_at(core, POST_TIME)
        core.engine.dispose()
    assert [m for m in notifier.sent if m.kind == KIND] == []
