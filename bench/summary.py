"""How long does the weekly summary take for a big team with a year of data?

Seeds 5,000 members and 52 weeks (bench.seed.seed_year: tasks, orders with their history,
feedback, a standup entry per member and workday, kudos) with bulk INSERTs, then times:

Baseline: one COUNT(*) over each table the summary reads, in one read unit: what merely
touching the data costs.
Measured: `bot.summary.build` for the last full week (every figure beside the week before,
the 8-week trend) plus turning it into the outbox payload, as the weekly post does; and, for
information, rendering it (Block Kit and the three PNG charts).
The issue's budget is 2 s for the summary; the best and the median of the runs are printed.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bench.seed import seed_year
from bot.bootstrap import build_core
from bot.config import Settings, SlackEnv, parse_file_config
from bot.notify import RecordingNotifier
from bot.summary import Week, build
from bot.viewer import Viewer
from storage.models import FeedbackItem, Kudos, Order, OrderChange, StandupEntry, Task

BUDGET_SECONDS = 2.0
TABLES = (Task, Order, OrderChange, FeedbackItem, StandupEntry, Kudos)


def _settings(database_url: str) -> Settings:
    config = parse_file_config({"team": {"timezone": "Asia/Shanghai"}})
    return Settings(config, database_url, SlackEnv(None, None, None, None))


def _timed(runs: int, work: Callable[[], Any]) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return times


def _baseline(core: Any) -> None:
    with core.read() as unit:
        for table in TABLES:
            unit.session.scalar(select(func.count()).select_from(table))


def _summary(core: Any, week: Week) -> Any:
    with core.read() as unit:
        view = build(unit, week)
    view.as_payload()
    return view


def _render(view: Any, core: Any) -> None:
    from handlers.summary.charts import chart_files
    from handlers.summary.render import summary_message

    viewer = Viewer("CMANAGERS", "zh", "Asia/Shanghai", core.clock.now())
    summary_message(view, viewer)
    chart_files(view, viewer)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=5_000)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database-url", help="an EMPTY database (default: a fresh SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'summary.db'}"
        core = build_core(_settings(url), notifier=RecordingNotifier(), drain="off")
        started = time.perf_counter()
        seeded = seed_year(core.engine, args.members, args.weeks, until=core.clock.now())
        seeding = time.perf_counter() - started
        week = Week.of_instant(core.clock.now(), "Asia/Shanghai").before
        baseline = _timed(args.runs, lambda: _baseline(core))
        measured = _timed(args.runs, lambda: _summary(core, week))
        view = _summary(core, week)
        rendering = _timed(max(1, args.runs // 2), lambda: _render(view, core))
        core.engine.dispose()
    _print(core.engine.dialect.name, seeded, seeding, week, baseline, measured, rendering)


def _print(dialect: str, seeded: Any, seeding: float, week: Week, baseline: list[float],
           measured: list[float], rendering: list[float]) -> None:  # fmt: skip
    rows = ", ".join(f"{table} {count:,}" for table, count in seeded.counts.items())
    print(f"database: {dialect}; seeded in {seeding:.1f} s: {rows}")
    print(f"week: {week.monday} – {week.sunday}")
    for label, times in (("baseline  COUNT(*) of each table   ", baseline),
                         ("measured  summary (build + payload)", measured),
                         ("info      render (blocks + 3 PNGs)  ", rendering)):  # fmt: skip
        print(f"{label}: best {min(times):6.3f} s, median {statistics.median(times):6.3f} s")
    ratio = statistics.median(measured) / statistics.median(baseline)
    verdict = "within" if max(measured) < BUDGET_SECONDS else "OVER"
    print(f"ratio     summary / baseline           : {ratio:6.2f}x")
    print(f"budget    {BUDGET_SECONDS:.0f} s for the summary: {verdict} (slowest run "
          f"{max(measured):.3f} s)")  # fmt: skip


if __name__ == "__main__":
    main()
