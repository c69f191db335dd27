"""`tradeops jobs tick --at` drives alerts and escalations from outside, as cron does;
`tradeops escalations list` shows operators what is open."""

from __future__ import annotations

from datetime import UTC, datetime

from bot import tasks
from bot.bootstrap import build_offline_core
from bot.config import load_settings
from storage.models import Member
from tests.test_cli import DATABASE, posted
from tests.test_cli import tradeops_ok as run


def test_ticks_from_the_command_line_alert_escalate_and_list_the_chain(
    tmp_path, fake_slack, monkeypatch
):
    (tmp_path / "config.toml").write_text(
        '[team]\ntimezone = "Europe/Madrid"\n[standup]\nenabled = false\n'
        "[summary]\nenabled = false\n",
        encoding="utf-8",
    )
    fake_slack.add_user("UANA", name="ana", tz="Europe/Madrid")
    fake_slack.add_user("UCARMEN", name="carmen", tz="Europe/Madrid")
    run(tmp_path, fake_slack, "team", "sync")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TRADEOPS_DATABASE_URL", f"sqlite:///{tmp_path / DATABASE}")
    core = build_offline_core(load_settings())
    with core.write(now=datetime(2026, 12, 1, 8, 0, tzinfo=UTC)) as unit:
        unit.session.get(Member, "UANA").manager_id = "UCARMEN"
        due = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # Tuesday 16:00 in Madrid
        tasks.create(unit, "UCARMEN", "Send the PI to Iberia", assignee_id="UANA", due_at=due)
    core.engine.dispose()

    assert "enqueued 0" in run(
        tmp_path, fake_slack, "jobs", "tick", "--at", "2026-12-01T15:55:00+01:00"
    )
    assert "enqueued 1, sent 1" in run(
        tmp_path, fake_slack, "jobs", "tick", "--at", "2026-12-01T16:00:00+01:00"
    )
    # 24 hours late, Wednesday 16:00: Ana's manager; a second tick at the same instant adds nothing.
    run(tmp_path, fake_slack, "jobs", "tick", "--at", "2026-12-02T16:00:00+01:00")
    run(tmp_path, fake_slack, "jobs", "tick", "--at", "2026-12-02T16:00:00+01:00")

    assert [text.split(":")[0] for text in posted(fake_slack, "UANA")][-1] == "Yours"
    [escalated] = posted(fake_slack, "UCARMEN")
    assert escalated.startswith("Escalation, level 1: task `#1` *Send the PI to Iberia* is overdue")
    listed = run(tmp_path, fake_slack, "escalations", "list")
    assert "task     open         level 1 late since 2026-12-01 15:00Z" in listed
    assert "Send the PI to Iberia" in listed
