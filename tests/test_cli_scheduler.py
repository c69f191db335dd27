"""A healthy scheduler is quiet: one line when it starts, then a line only when something
happened (messages queued or sent), never APScheduler's two lines per beat."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from bot import outbox
from bot.bootstrap import build_core, build_offline_core
from bot.config import load_settings
from bot.notify import RecordingNotifier
from bot.scheduler import run_pass, start_beat
from storage import db

ROOT = Path(__file__).resolve().parents[1]


def _queue_a_thank_you(url: str) -> None:
    db.upgrade(db.make_engine(url))
    core = build_offline_core(load_settings({"TRADEOPS_DATABASE_URL": url}))
    with core.write() as unit:
        outbox.enqueue(unit, "kudos:quiet:1", "kudos.thanked", "U1",
                       {"giver": "U2", "reason": "the Hamburg documents"})  # fmt: skip


def _wait_for_line(log: Path, process: subprocess.Popen, text: str) -> None:
    for _ in range(300):  # bounded: gives up after about 30 s
        if text in log.read_text():
            return
        if process.poll() is not None:
            break
        time.sleep(0.1)
    raise AssertionError(f"no {text!r} in the scheduler's log:\n{log.read_text()}")


def test_the_scheduler_logs_its_start_and_what_it_sent_and_nothing_else(tmp_path, fake_slack):
    url = f"sqlite:///{tmp_path / 'beat.db'}"
    _queue_a_thank_you(url)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "TRADEOPS_"))}
    env.update(SLACK_BOT_TOKEN="xoxb-test", SLACK_API_URL=fake_slack.api_url,
               TRADEOPS_DATABASE_URL=url, PYTHONPATH=str(ROOT))  # fmt: skip
    log = tmp_path / "scheduler.log"
    with log.open("w") as stderr:
        process = subprocess.Popen([sys.executable, "-m", "bot.cli", "scheduler"], cwd=tmp_path,
                                   env=env, stdout=subprocess.DEVNULL, stderr=stderr)  # fmt: skip
        try:
            _wait_for_line(log, process, "1 sent")
        finally:
            process.terminate()
            process.wait(timeout=20)
    lines = log.read_text().strip().splitlines()
    assert len(lines) == 2, lines
    assert "scheduler running as tradeops in tradeops, a beat every 60s" in lines[0]
    assert "beat: 0 message(s) queued, 1 sent, 0 to retry, 0 failed for good" in lines[1]
    assert "the Hamburg documents" in str(fake_slack.messages("U1"))


def test_apscheduler_says_nothing_about_a_beat_that_ran_well(settings, engine, caplog):
    caplog.set_level(logging.INFO)
    notifier = RecordingNotifier()
    ran = threading.Event()
    core = build_core(settings, engine=engine, notifier=notifier, drain="off", upgrade=False)
    core.due_providers = [*core.due_providers, lambda unit: ran.set()]
    beat = start_beat(core, interval_seconds=3600)
    try:
        assert ran.wait(timeout=10)
    finally:
        beat.shutdown(wait=True)  # waits for the running beat to finish
    assert [r.getMessage() for r in caplog.records if r.name.startswith("apscheduler")] == []


def test_a_beat_with_nothing_to_do_logs_nothing(core, caplog):
    caplog.set_level(logging.DEBUG, logger="bot")
    run_pass(core, core.clock.now())
    assert [r.getMessage() for r in caplog.records if r.name.startswith("bot")] == []
