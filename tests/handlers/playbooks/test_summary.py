"""The weekly summary's on-time rate by checklist step: which steps of the process run late."""

from __future__ import annotations

from datetime import UTC, datetime

from freezegun import freeze_time

from tests.support.playbooks_data import add_team, create_1042, finish, move

DEPOSIT = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)  # handed out; both due Thu 3 Dec
THURSDAY = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)
FRIDAY = datetime(2026, 12, 4, 2, 0, tzinfo=UTC)


def test_the_summary_shows_each_checklist_steps_on_time_rate(slack, fake_slack):
    fake_slack.add_user("UBOSS", name="boss", tz="Asia/Shanghai")
    add_team(slack.core)
    create_1042(slack.core)
    move(slack.core, DEPOSIT, "deposit_received")
    finish(slack.core, THURSDAY, "deposit_received", "confirm_deposit")  # before 18:00 Thu
    finish(slack.core, FRIDAY, "deposit_received", "release_production")  # a day late
    with freeze_time(datetime(2026, 12, 7, 2, 0, tzinfo=UTC)):
        text = slack.reply_text(slack.command("/summary", "last week", user="UBOSS"))
    assert "• On time by checklist step:" in text
    assert "Deposit received · Confirm the deposit amount: *100%* (last week —)" in text
    assert "Deposit received · Release production at the factory: *0%* (last week —)" in text
