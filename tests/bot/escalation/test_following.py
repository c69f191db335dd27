"""A tick reads only what is out of step with what it last followed: a task given another
due time while late, one done, and a chain opened before the marks existed are each seen
on the next tick, once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from bot.bootstrap import build_core
from bot.escalation import due as escalation_due
from bot.notify import RecordingNotifier
from bot.scheduler import tick
from storage.models import EscalationChain, Task
from tests.support import escalation_data as given

TITLE = "Send the lamp samples to Maple Leaf"  # Sarah's task, due Thu 29 Oct 17:00 New York


def _core(engine):
    core = build_core(given.team_settings(), engine=engine, notifier=RecordingNotifier(),
                      drain="off", upgrade=False)  # fmt: skip
    given.seed(core)
    return core


def _chains(core) -> list[tuple[str, str | None]]:
    with core.read() as unit:
        query = (
            select(EscalationChain.late_since, EscalationChain.end_reason)
            .where(EscalationChain.title == TITLE)
            .order_by(EscalationChain.id)
        )
        return [(since.isoformat(), reason) for since, reason in unit.session.execute(query)]


def _move_task(core, **values) -> None:
    with core.write() as unit:
        unit.session.execute(update(Task).where(Task.title == TITLE).values(**values))


def test_a_late_task_given_an_earlier_due_time_ends_its_chain_and_starts_another(engine):
    core = _core(engine)
    due = given.at(given.NEW_YORK, "2026-10-29 17:00")
    tick(core, due, escalation_due.PROVIDERS)
    earlier = due - timedelta(hours=2)
    _move_task(core, due_at=earlier)
    tick(core, due + timedelta(minutes=5), escalation_due.PROVIDERS)
    tick(core, due + timedelta(minutes=10), escalation_due.PROVIDERS)  # nothing more

    assert _chains(core) == [(due.isoformat(), "rescheduled"), (earlier.isoformat(), None)]


def test_a_task_done_while_late_ends_its_chain_on_the_next_tick(engine):
    core = _core(engine)
    due = given.at(given.NEW_YORK, "2026-10-29 17:00")
    tick(core, due, escalation_due.PROVIDERS)
    _move_task(core, status="done", completed_at=due)
    tick(core, due + timedelta(minutes=5), escalation_due.PROVIDERS)

    assert _chains(core) == [(due.isoformat(), "done")]


def test_a_chain_opened_before_the_marks_existed_still_ends_when_its_task_is_done(engine):
    core = _core(engine)
    due = given.at(given.NEW_YORK, "2026-10-29 17:00")
    tick(core, due, escalation_due.PROVIDERS)
    # What the upgrade leaves on the subject of an open chain: a mark no state matches.
    _move_task(core, followed_due_at=datetime(1970, 1, 1, tzinfo=UTC))
    tick(core, due + timedelta(minutes=5), escalation_due.PROVIDERS)
    assert _chains(core) == [(due.isoformat(), None)]  # still late: kept, marked anew
    _move_task(core, status="done", completed_at=due)
    tick(core, due + timedelta(minutes=10), escalation_due.PROVIDERS)

    assert _chains(core) == [(due.isoformat(), "done")]
