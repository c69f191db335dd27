"""`tradeops jobs tick --at`: a time without an offset is the team's wall clock, and the
command says which zone it read it in; a time with an offset is taken as given."""

from __future__ import annotations

from tests.test_cli import tradeops_ok


def _tick(tmp_path, fake_slack, at: str, timezone: str = "Asia/Shanghai"):
    (tmp_path / "config.toml").write_text(f'[team]\ntimezone = "{timezone}"\n', encoding="utf-8")
    return tradeops_ok(tmp_path, fake_slack, "jobs", "tick", "--at", at)


def test_a_tick_time_without_an_offset_is_read_in_the_teams_zone_and_says_so(tmp_path, fake_slack):
    out = _tick(tmp_path, fake_slack, "2026-12-02T09:45")
    assert "read in the team's zone, Asia/Shanghai ([team] timezone)" in out
    assert "as 2026-12-02T09:45:00+08:00" in out
    assert "tick at 2026-12-02T01:45:00+00:00" in out


def test_a_tick_time_without_an_offset_follows_the_configured_zone(tmp_path, fake_slack):
    out = _tick(tmp_path, fake_slack, "2026-07-01T09:45", timezone="Europe/Madrid")
    assert "Europe/Madrid" in out
    assert "tick at 2026-07-01T07:45:00+00:00" in out  # summer time: UTC+2


def test_a_tick_time_with_an_offset_is_used_as_given(tmp_path, fake_slack):
    out = _tick(tmp_path, fake_slack, "2026-12-02T09:45-05:00")
    assert "tick at 2026-12-02T14:45:00+00:00" in out
    assert "team's zone" not in out
