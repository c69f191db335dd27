"""The `tradeops` command as an operator runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import inspect

from storage import db

ROOT = Path(__file__).resolve().parents[1]


def tradeops(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "TRADEOPS_"))}
    clean.update(env)
    clean["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        cwd=cwd,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


DATABASE = "bot.db"


def tradeops_ok(tmp_path: Path, fake_slack: Any, *args: str) -> str:
    """A command on a SQLite file in tmp_path, its Web API the loopback Slack; it must
    succeed. Returns what it printed."""
    result = tradeops(
        *args, cwd=tmp_path, TRADEOPS_DATABASE_URL=f"sqlite:///{tmp_path / DATABASE}",
        SLACK_BOT_TOKEN="xoxb-test", SLACK_API_URL=fake_slack.api_url,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout


def posted(fake_slack: Any, channel: str) -> list[str]:
    """The texts the bot posted to a channel or a member's DM, oldest first."""
    return [c.params["text"] for c in fake_slack.calls("chat.postMessage")
            if c.params["channel"] == channel]  # fmt: skip


def test_run_without_tokens_exits_with_one_line_naming_the_variable(tmp_path):
    result = tradeops("run", cwd=tmp_path)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "SLACK_BOT_TOKEN" in lines[0]
    assert "Traceback" not in result.stderr


def test_run_with_only_the_bot_token_names_the_app_token(tmp_path):
    result = tradeops("run", cwd=tmp_path, SLACK_BOT_TOKEN="xoxb-1")
    assert result.returncode != 0
    assert "SLACK_APP_TOKEN" in result.stderr.strip()


def test_a_config_with_a_bad_time_zone_names_that_key(tmp_path):
    (tmp_path / "config.toml").write_text('[team]\ntimezone = "Mars/Base"\n', encoding="utf-8")
    result = tradeops("run", cwd=tmp_path, SLACK_BOT_TOKEN="x", SLACK_APP_TOKEN="y")
    assert result.returncode != 0
    assert "team.timezone" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_db_upgrade_builds_the_schema_on_an_empty_sqlite_file(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    result = tradeops("db", "upgrade", cwd=tmp_path, TRADEOPS_DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    tables = set(inspect(db.make_engine(url)).get_table_names())
    assert {"members", "outbox", "processed_events", "customers"} <= tables


def test_jobs_tick_at_an_instant_runs_one_pass_and_reports(tmp_path, fake_slack):
    url = f"sqlite:///{tmp_path / 'tick.db'}"
    result = tradeops(
        "jobs",
        "tick",
        "--at",
        "2026-12-01T09:30:00+08:00",
        cwd=tmp_path,
        TRADEOPS_DATABASE_URL=url,
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_API_URL=fake_slack.api_url,
    )
    assert result.returncode == 0, result.stderr
    assert "tick at 2026-12-01T01:30:00+00:00" in result.stdout


def test_a_bad_tick_instant_is_refused_with_an_example(tmp_path):
    result = tradeops("jobs", "tick", "--at", "tomorrow", cwd=tmp_path, SLACK_BOT_TOKEN="x")
    assert result.returncode == 2
    assert "ISO-8601" in result.stderr


def test_team_sync_pulls_members_from_slack(tmp_path, fake_slack):
    fake_slack.add_user("UA", name="li", tz="Asia/Shanghai", locale="zh-CN")
    fake_slack.add_user("UB", name="ana", tz="Europe/Madrid", locale="es-ES")
    url = f"sqlite:///{tmp_path / 'sync.db'}"
    result = tradeops(
        "team",
        "sync",
        cwd=tmp_path,
        TRADEOPS_DATABASE_URL=url,
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_API_URL=fake_slack.api_url,
    )
    assert result.returncode == 0, result.stderr
    assert "2 added" in result.stdout
    assert fake_slack.last("users.list").params["include_locale"] in (True, "true", "1")


def test_outbox_list_shows_failed_rows_with_their_error(tmp_path):
    url = f"sqlite:///{tmp_path / 'outbox.db'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO outbox (dedup_key, kind, recipient, payload, status, attempts,"
            " next_attempt_at, created_at, last_error) VALUES ('k1', 'task.assigned', 'U1',"
            " '{}', 'failed', 8, '2026-11-01 00:00:00', '2026-11-01 00:00:00',"
            " 'HTTP 200: channel_not_found')"
        )
    listed = tradeops(
        "outbox", "list", "--status", "failed", cwd=tmp_path, TRADEOPS_DATABASE_URL=url
    )
    assert listed.returncode == 0, listed.stderr
    assert "channel_not_found" in listed.stdout
    retried = tradeops("outbox", "retry", cwd=tmp_path, TRADEOPS_DATABASE_URL=url)
    assert "1 failed message(s) queued again" in retried.stdout
