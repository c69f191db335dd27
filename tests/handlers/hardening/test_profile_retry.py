"""A member first seen while users.info fails gets their zone and language later."""

from __future__ import annotations

from datetime import timedelta

from freezegun import freeze_time

from bot import team


def test_a_profile_slack_could_not_give_is_asked_for_again_after_a_back_off(slack, fake_slack):
    fake_slack.add_user("UMAD", name="ana", tz="Europe/Madrid", locale="es-ES")
    fake_slack.fail_next("users.info", status=500, times=5)  # more than the client's retries
    with freeze_time("2026-12-01 09:00:00") as clock:
        slack.command("/team", "", user="UMAD")
        first = team.member(slack.core, "UMAD")
        assert (first.timezone, first.language) == ("Asia/Shanghai", "en")  # the team's
        fake_slack.clear_failures()
        clock.tick(timedelta(minutes=5))
        slack.command("/team", "", user="UMAD")  # too soon: Slack is not asked again
        assert team.member(slack.core, "UMAD").timezone == "Asia/Shanghai"
        clock.tick(timedelta(minutes=6))
        slack.command("/team", "", user="UMAD")
        later = team.member(slack.core, "UMAD")
    assert (later.timezone, later.profile_retry_at) == ("Europe/Madrid", None)


def test_team_sync_fills_in_a_profile_slack_could_not_give(slack, fake_slack):
    fake_slack.add_user("UADMIN", name="admin", tz="Asia/Shanghai")
    fake_slack.add_user("UNY", name="bob", tz="America/New_York")
    slack.command("/team", "", user="UADMIN")
    fake_slack.fail_next("users.info", status=500, times=5)
    slack.command("/team", "", user="UNY")
    assert team.member(slack.core, "UNY").timezone == "Asia/Shanghai"
    slack.command("/team", "sync", user="UADMIN")
    assert team.member(slack.core, "UNY").timezone == "America/New_York"
