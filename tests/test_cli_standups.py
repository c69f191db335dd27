"""`tradeops jobs tick --at` drives a standup day from outside, as operators and cron do."""

from __future__ import annotations

from tests.test_cli import posted, tradeops_ok


def tick(at, tmp_path, fake_slack):
    return tradeops_ok(tmp_path, fake_slack, "jobs", "tick", "--at", at)


def test_ticks_from_the_command_line_prompt_remind_and_close_the_day(tmp_path, fake_slack):
    (tmp_path / "config.toml").write_text(
        '[team]\ntimezone = "Europe/Madrid"\nholiday_country = "ES"\n'
        '[channels]\nstandup_digest = "CSTANDUP"\n',
        encoding="utf-8",
    )
    fake_slack.add_user("UANA", name="ana", tz="Europe/Madrid")
    tradeops_ok(tmp_path, fake_slack, "team", "sync")
    assert "enqueued 1, sent 1" in tick("2026-12-01T09:30:00+01:00", tmp_path, fake_slack)
    assert "enqueued 0" in tick("2026-12-01T09:31:00+01:00", tmp_path, fake_slack)
    tick("2026-12-01T11:00:00+01:00", tmp_path, fake_slack)  # 90 minutes on: the reminder
    tick("2026-12-01T13:30:00+01:00", tmp_path, fake_slack)  # the cutoff
    dms = posted(fake_slack, "UANA")
    assert len(dms) == 2 and "standup" in dms[0] and "Still waiting" in dms[1]
    assert posted(fake_slack, "CSTANDUP")[-1] == "No answer yet from 1: ana."
