"""What the scheduler costs at scale: one tick, the weekly summary, a standup fan-out.

- tick: `bot.scheduler.tick(now)` (what `tradeops jobs tick` runs, without the drain) on the
  full-scale database beside the same tick on a database with ten times fewer rows. The
  first tick at NOW is a catch-up (the seeded year has never been ticked: every overdue
  task and feedback item starts its chain, the Shanghai morning lists and the weekly post
  are due); it is shown for information with the rows it queued. The figures are the ticks
  that follow, one a minute (NOW+1min, NOW+2min, ...), each the first tick at its moment,
  alternating full and tenth so machine drift hits both. Each is followed by the same tick
  once more (as a second scheduler would run it): nothing new is due then, so that figure
  is what asking costs at each size, apart from the work of what came due.
- summary: `bot.summary.build` for the last full week plus its outbox payload, beside one
  COUNT(*) of each table it reads; and, for information, rendering it (Block Kit and the
  three PNG charts).
- fanout: bench/fanout.py.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from bench.context import Context
from bench.scale import NOW, Scale
from bench.table import Row
from bot.bootstrap import build_core
from bot.clock import FixedClock
from bot.config import Settings, SlackEnv, parse_file_config
from bot.notify import Notifier, RecordingNotifier
from bot.scheduler import tick
from bot.summary import Week, build
from bot.viewer import Viewer
from storage.models import FeedbackItem, Kudos, Order, OrderChange, StandupEntry, Task

TEAM_CONFIG = {
    "team": {"timezone": "Asia/Shanghai"},
    "channels": {"managers": "CMANAGERS", "standup_digest": "CSTANDUP"},
}
TICK_BUDGET = 1.0
TICK_RATIO = 1.5
SUMMARY_BUDGET = 2.0
TABLES = (Task, Order, OrderChange, FeedbackItem, StandupEntry, Kudos)  # what the summary reads


def settings(database_url: str, api_url: str | None = None) -> Settings:
    token = "xoxb-bench" if api_url else None
    return Settings(parse_file_config(TEAM_CONFIG), database_url,
                    SlackEnv(token, None, None, api_url))  # fmt: skip


def core_at(database_url: str, notifier: Notifier | None = None, api_url: str | None = None,
            clock: Any = None) -> Any:  # fmt: skip
    return build_core(settings(database_url, api_url), clock=clock or FixedClock(NOW),
                      notifier=notifier or RecordingNotifier(), drain="off")  # fmt: skip


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def rounds(context: Context) -> int:
    return 2 if context.scale == Scale.tiny() else (5 if context.quick else 9)


# -- tick -------------------------------------------------------------------------------


def measure_tick(context: Context) -> list[Row]:
    cores = {"full": core_at(context.database().url),
             "tenth": core_at(context.database(context.scale.divided(10)).url)}  # fmt: skip
    first = {name: timed(lambda core=core: tick(core, NOW)) for name, core in cores.items()}
    times: dict[str, list[float]] = {name: [] for name in cores}
    again: dict[str, list[float]] = {name: [] for name in cores}
    queued: dict[str, int] = dict.fromkeys(cores, 0)
    for minute in range(1, rounds(context) + 1):
        for name, core in cores.items():
            at = NOW + timedelta(minutes=minute)
            seconds, result = timed(lambda core=core, at=at: tick(core, at))
            times[name].append(seconds)
            queued[name] += result.enqueued
            # The same minute once more (a second scheduler): nothing new is due, so what
            # is left is the cost of asking, which must not grow with the tables.
            again[name].append(timed(lambda core=core, at=at: tick(core, at))[0])
    for core in cores.values():
        core.engine.dispose()
    full, tenth = (statistics.median(times[name]) for name in ("full", "tenth"))
    idle, idle_tenth = (statistics.median(again[name]) for name in ("full", "tenth"))
    return [
        Row("tick: first at NOW (catch-up), full scale", first["full"][0], "s",
            first["tenth"][0], "same at 1/10"),
        Row("tick: rows the first tick queued, full", first["full"][1].enqueued, "",
            first["tenth"][1].enqueued, "at 1/10"),
        Row(f"tick: a minute later (median of {len(times['full'])}), full", full, "s",
            tenth, "tick at 1/10 scale", f"< {TICK_BUDGET:.0f} s, ≤ {TICK_RATIO}×",
            full < TICK_BUDGET and full <= TICK_RATIO * tenth),
        Row("tick: rows queued by the later ticks, full", queued["full"], "",
            queued["tenth"], "at 1/10"),
        Row("tick: the same minute again (nothing new due), full", idle, "s",
            idle_tenth, "same at 1/10"),
    ]  # fmt: skip


# -- summary ----------------------------------------------------------------------------


def measure_summary(context: Context) -> list[Row]:
    core = core_at(context.database().url)
    week = Week.of_instant(NOW, TEAM_CONFIG["team"]["timezone"]).before

    def baseline() -> None:
        with core.read() as unit:
            for table in TABLES:
                unit.session.scalar(select(func.count()).select_from(table))

    def summary() -> Any:
        with core.read() as unit:
            view = build(unit, week)
        view.as_payload()
        return view

    measured, counted = [], []
    for _ in range(rounds(context)):
        counted.append(timed(baseline)[0])
        measured.append(timed(summary)[0])
    rendering = timed(lambda: _render(summary(), core.clock.now()))[0]
    core.engine.dispose()
    value = statistics.median(measured)
    return [Row(f"weekly summary (build + payload, median of {len(measured)})", value, "s",
                statistics.median(counted), "COUNT(*) of each table", "< 2 s",
                max(measured) < SUMMARY_BUDGET),
            Row("weekly summary: rendering it (Block Kit, 3 PNG charts in Chinese)",
                rendering, "s")]  # fmt: skip


def _render(view: Any, now: Any) -> None:
    """What the post adds after the build, for information: the message and its charts."""
    from handlers.summary.charts import chart_files
    from handlers.summary.render import summary_message

    viewer = Viewer("CMANAGERS", "zh", TEAM_CONFIG["team"]["timezone"], now)
    summary_message(view, viewer)
    chart_files(view, viewer)


def measure_fanout(context: Context) -> list[Row]:
    from bench.fanout import measure

    return measure(context)
