"""`python -m bench`'s serving and process sections at a tiny scale: every row is there with a
figure and its baseline, and every request of the load got a right answer.

No figure is judged here (benchmarks measure, tests check behaviour): only that the
sections ran end to end, through real signed requests to `tradeops serve` and the bare app.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import process, serving, wrk
from bench.context import Context
from bench.load import Probe, run_round
from bench.scale import Scale
from bench.servers import SECRET, both, fake_slack
from bench.table import Row


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Context]:
    tiny = Context(None, tmp_path_factory.mktemp("bench"), quick=True)
    tiny.scale = Scale.tiny()
    yield tiny
    tiny.close()


def _by_name(rows: list[Row]) -> dict[str, Row]:
    return {row.what: row for row in rows}


def test_serving_rows_compare_every_probe_with_the_bare_app_and_no_answer_was_wrong(context):
    rows = _by_name(serving.measure(context))
    for probe in serving.PROBES:
        for statistic in ("p50", "p99", "throughput"):
            row = rows[f"{probe} {statistic}"]
            assert row.value > 0 and row.baseline and row.baseline > 0, row
        failed = rows[f"{probe} wrong or failed answers"]
        assert failed.value == 0 and failed.met is True, failed.what
    assert rows["/order status p50"].target == "≤ 1.2×"
    assert rows["/task list p99"].met is not None


def test_process_rows_give_peak_memory_and_start_up_beside_the_bare_app(context):
    rows = _by_name(process.measure(context))
    worker = rows["serving worker peak RSS"]
    assert worker.value > 0 and worker.baseline and worker.baseline > 0
    assert worker.target == "< 150 MB" and worker.met is not None
    assert rows["scheduler peak RSS (beats done: 1)"].value > 0
    startup = rows["serve start-up to /healthz"]
    assert startup.value > 0 and startup.baseline and startup.baseline > 0


# bench.load sends a count of requests; wrk runs for a time (a second here).
NO_WRK = pytest.mark.skipif(not wrk.available(), reason="wrk is not installed here")
LOADS = [pytest.param(run_round, 8, id="python"),
         pytest.param(wrk.run_round, 1, id="wrk", marks=NO_WRK)]  # fmt: skip


@pytest.mark.parametrize(("load", "amount"), LOADS)
def test_the_load_counts_a_wrong_answer_instead_of_timing_it(context, tmp_path: Path, load, amount):
    """An order that does not exist gets a friendly error, not its status card: every one of
    those answers is counted as wrong, so a section's zero means the answers were right."""
    seeded = context.database()
    holds = serving.PROBES["/order status"][1]
    unknown = Probe("/order status", lambda member: _status_body("999999999", member), holds)
    known = Probe("/order status", lambda member: _status_body(serving.ORDER, member), holds)
    members = serving.connections_members(seeded.scale.members)
    with fake_slack() as slack, both(seeded.url, tmp_path, slack) as servers:
        base = servers["tradeops"].base_url
        wrong = load(base, SECRET, unknown, members, amount)
        right = load(base, SECRET, known, members, amount)
        forged = load(base, "0" * 32, known, members, amount)
    assert wrong.failures >= 8 and wrong.answered == 0
    assert "HTTP 200" in wrong.sample
    assert right.failures == 0 and right.answered >= 8 and right.latencies
    assert forged.failures >= 8 and forged.answered == 0 and "HTTP 401" in forged.sample


def _status_body(number: str, member: str) -> str:
    from handlers.console.requests import slash_command_body

    return slash_command_body("/order", f"status {number}", member)
