"""The processes themselves: a serving worker's and the scheduler's peak memory, and start-up.

- Peak RSS (VmHWM) of each gunicorn worker of `tradeops serve` after rounds of every serving
  probe (bench.serving), beside the bare Bolt app's workers under the same load; the budget
  is 150 MB a worker.
- Peak RSS of `tradeops scheduler` after a few beats on the seeded database (the first beat
  runs at once, the next every [scheduler] interval_seconds, here its minimum, 5 s), or
  after BEAT_WAIT seconds if the beats take longer; the row says how many were done.
- Start-up: from spawning `tradeops serve` to its first 200 on /healthz (the schema is
  already current), beside the bare app's, alternating.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from bench.context import Context
from bench.load import Probe, Publications, run_round
from bench.scale import Scale
from bench.servers import SECRET, Server, environment, fake_slack, peak_rss_mb, start, stop
from bench.serving import PROBES, connections_members, plan_for
from bench.table import Row

WORKER_BUDGET_MB = 150
BEAT_WAIT = 90  # seconds: the peak is read then even if the beats have not all finished
BEAT_JOB = "start_beat.<locals>.<lambda>"  # APScheduler names the beat's job so in its log


def measure(context: Context) -> list[Row]:
    seeded = context.database()
    tiny = context.scale == Scale.tiny()
    with fake_slack() as slack:
        env = environment(seeded.url, slack)
        startups = _startups(env, context.folder, 1 if tiny or context.quick else 3)
        workers = _workers_under_load(env, context, seeded.scale.members)
        scheduler, beats = _scheduler_peak(env, context.folder, 1 if tiny else 3)
    ours, bare = workers["tradeops"], workers["bare"]
    return [
        Row("serving worker peak RSS", max(ours), "MB", max(bare), "bare Bolt app worker",
            f"< {WORKER_BUDGET_MB} MB", max(ours) < WORKER_BUDGET_MB),
        Row(f"scheduler peak RSS (beats done: {beats})", scheduler, "MB"),
        Row("serve start-up to /healthz", min(startups["tradeops"]), "s",
            min(startups["bare"]), "bare Bolt app"),
    ]  # fmt: skip


def _startups(env: dict[str, str], folder: Path, times: int) -> dict[str, list[float]]:
    seconds: dict[str, list[float]] = {"bare": [], "tradeops": []}
    for _ in range(times):
        for name in seconds:
            server = start(name, env, folder)
            stop(server.process)
            seconds[name].append(server.startup_seconds)
    return seconds


def _workers_under_load(
    env: dict[str, str], context: Context, members: int
) -> dict[str, list[float]]:
    peaks: dict[str, list[float]] = {}
    plan = plan_for(context)
    for name in ("bare", "tradeops"):
        server = start(name, env, context.folder)
        try:
            _load(server, members, plan.requests)
            peaks[name] = [peak_rss_mb(pid) for pid in server.worker_pids()]
        finally:
            stop(server.process)
    return peaks


def _load(server: Server, members: int, requests: int) -> None:
    publications = Publications()  # App Home's publish is not awaited here: memory only
    for name, (body, _check, _targets) in PROBES.items():
        probe = Probe(name, body)  # any 200 will do: the answers are checked in serving
        run_round(server.base_url, SECRET, probe, connections_members(members), requests,
                  publications)  # fmt: skip


def _scheduler_peak(env: dict[str, str], folder: Path, beats: int) -> tuple[float, int]:
    """The scheduler's peak RSS once it has beaten `beats` times, or at BEAT_WAIT seconds
    (a beat at full scale may take longer than that): the figure, and the beats done."""
    config = folder / "scheduler.toml"
    config.write_text("[scheduler]\ninterval_seconds = 5\n")
    log = folder / "scheduler.log"
    scheduler_env = {**env, "TRADEOPS_CONFIG": str(config), "TRADEOPS_LOG_LEVEL": "DEBUG"}
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "scheduler"],
            cwd=folder,
            env=scheduler_env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        done = _wait_for_beats(process, log, beats)
        return peak_rss_mb(process.pid), done
    finally:
        stop(process)


def _wait_for_beats(process: subprocess.Popen[bytes], log: Path, beats: int) -> int:
    deadline = time.monotonic() + BEAT_WAIT
    done = 0
    while time.monotonic() < deadline and done < beats:
        if process.poll() is not None:
            raise RuntimeError(f"tradeops scheduler exited: {log.read_text()[-2000:]}")
        time.sleep(0.2)
        done = _beats_in(log.read_text(errors="replace"))
    return done


def _beats_in(text: str) -> int:
    """Beats finished: APScheduler's DEBUG line `Job "…" executed successfully` for ours."""
    return sum(BEAT_JOB in line and "executed successfully" in line for line in text.splitlines())
