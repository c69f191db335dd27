"""`tradeops jobs tick --at` drives a standup day from outside, as operators and cron do."""

from __future__ import annotations

from tests.test_cli import tradeops


def tick(at, tmp_path, fake_slack):
    result = tradeops(
        "jobs", "tick", "--at", at, cwd=tmp_path,
        TRADEOPS_DATABASE_URL=f"sqlite:///{tmp_path / 'day.db'}",
        SLACK_BOT_TOKEN="xoxb-test", SLACK_API_URL=fake_slack.api_url,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout


def texts(fake_slack, channel):
    return [c.params["text"] for c in fake_slack.calls("chat.postMessage")
            if c.params["channel"] == channel]  # fmt: skip


def test_ticks_from_the_command_line_prompt_remind_and_close_the_day(tmp_path, fake_slack):
    (tmp_path / "config.toml").write_text(
        '[team]\ntimezone = "Europe/Madrid"\nholiday_country = "ES"\n'
        '[channels]\nstandup_digest = "CSTANDUP"\n',
        encoding="utf-8",
    )
    fake_slack.add_user("UANA", name="ana", tz="Europe/Madrid")
    sync = tradeops(
        "team", "sync", cwd=tmp_path, TRADEOPS_DATABASE_URL=f"sqlite:///{tmp_path / 'day.db'}",
        SLACK_BOT_TOKEN="xoxb-test", SLACK_API_URL=fake_slack.api_url,
    )  # fmt: skip
    assert sync.returncode == 0, sync.stderr
    assert "enqueued 1, sent 1" in tick("2026-12-01T09:30:00+01:00", tmp_path, fake_slack)
    assert "enqueued 0" in tick("2026-12-01T09:31:00+01:00", tmp_path, fake_slack)
    tick("2026-12-01T11:00:00+01:00", tmp_path, fake_slack)  # 90 minutes on: the reminder
    tick("2026-12-01T13:30:00+01:00", tmp_path, fake_slack)  # the cutoff
    dms = texts(fake_slack, "UANA")
    assert len(dms) == 2 and "standup" in dms[0] and "Still waiting" in dms[1]
    assert texts(fake_slack, "CSTANDUP")[-1] == "No answer yet from 1: ana."
