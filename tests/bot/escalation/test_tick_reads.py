"""What a steady tick reads of the escalation chains: through the index that holds the few
with a step due, never a walk over every open chain (tens of thousands on a large team)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from bot.bootstrap import build_core
from bot.escalation import chains
from bot.notify import RecordingNotifier
from storage.models import EscalationChain
from tests.support import escalation_data as given

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _open_chains(unit, count: int) -> None:
    for number in range(count):
        since = NOW - timedelta(days=3)
        unit.session.add(EscalationChain(
            key=f"task:{number}@1", kind="task", subject=f"task:{number}", subject_id=number,
            owner_id=None, title="t", detail={}, late_since=since, steps=[], next_step=0,
            next_action_at=NOW + timedelta(hours=number % 50), told=[], created_at=since,
        ))  # fmt: skip


def _plan(unit, statement) -> str:
    compiled = statement.compile(unit.session.get_bind(), compile_kwargs={"literal_binds": True})
    rows = unit.session.execute(text(f"EXPLAIN QUERY PLAN {compiled}"))
    return " ".join(row[-1] for row in rows)


@pytest.mark.parametrize("analyzed", [False, True])
def test_the_chains_due_are_found_through_their_index_on_sqlite(engine, analyzed):
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's planner")
    core = build_core(given.team_settings(), engine=engine, notifier=RecordingNotifier(),
                      drain="off", upgrade=False)  # fmt: skip
    with core.write(now=NOW) as unit:
        _open_chains(unit, 200)
    if analyzed:
        with core.write(now=NOW) as unit:
            unit.session.execute(text("ANALYZE"))
    with core.read(now=NOW) as unit:
        plan = _plan(unit, chains.due_query(NOW, None, 2000))

    assert "ix_escalation_chains_ended_at_next_action_at" in plan, plan
