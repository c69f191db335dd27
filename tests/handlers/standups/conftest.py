"""Two members who speak to /standup: Ana in Madrid (English), Li in Shanghai (Chinese),
both met by the bot on Tuesday 2026-12-01 at 10:00 UTC; the tests run at that moment."""

from __future__ import annotations

import pytest
from freezegun import freeze_time

NOW = "2026-12-01 10:00:00"  # Tuesday, 11:00 in Madrid


@pytest.fixture
def desk(slack, fake_slack):
    fake_slack.add_user("UANA", name="ana", tz="Europe/Madrid", locale="en-US")
    fake_slack.add_user("ULI", name="li", tz="Asia/Shanghai", locale="zh-CN")
    with freeze_time(NOW):
        for user in ("UANA", "ULI"):
            slack.command("/team", "", user=user)
        yield slack
