"""/standup in the one command grammar, through signed requests: words beyond what a
subcommand takes are named in the reader's language, and nothing changes."""

from __future__ import annotations

from datetime import date

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from storage.models import StandupAbsence

NOW = "2026-12-01 10:00:00"  # Tuesday, 11:00 in Madrid


@pytest.fixture
def desk(slack, fake_slack):
    fake_slack.add_user("UANA", name="ana", tz="Europe/Madrid", locale="en-US")
    fake_slack.add_user("ULI", name="li", tz="Asia/Shanghai", locale="zh-CN")
    with freeze_time(NOW):
        for user in ("UANA", "ULI"):
            slack.command("/team", "", user=user)
        yield slack


def say(slack, text, user="UANA"):
    with freeze_time(NOW):
        return slack.reply_text(slack.command("/standup", text, user=user))


def test_words_after_back_are_named_and_the_member_stays_away(desk):
    say(desk, "away until fri")
    text = say(desk, "back from holiday")
    assert "I didn't understand `from holiday`." in text
    assert "Usage: `/standup back`" in text
    chinese = say(desk, "back 明天 再说", user="ULI")
    assert "看不懂 `明天 再说`。" in chinese
    with desk.core.read() as unit:
        absence = unit.session.scalars(select(StandupAbsence)).one()
    assert (absence.member_id, absence.last_day) == ("UANA", date(2026, 12, 4))
