"""The Start button on the assignee's DM, through signed requests."""

from __future__ import annotations

import pytest

from bot import feedback
from tests.support.feedback_data import say, trade_desk


@pytest.fixture
def desk(slack):
    trade_desk(slack.core)
    return slack


def test_the_start_button_on_the_dm_starts_work_once(desk, fake_slack):
    say(desk, "add ACME Trading shrink wrap torn")
    [dm] = desk.sent_messages("UOWNER")
    button = dm["blocks"][3]["elements"][0]
    for _ in range(2):
        desk.press(
            "UOWNER",
            button["action_id"],
            button["value"],
            channel_id="DUOWNER",
            response_url=fake_slack.response_url(),
        )
    replies = [call.params["text"] for call in fake_slack.calls("response_url")]
    assert replies == [
        ":white_check_mark: #1 is in progress.",
        ":white_check_mark: #1 was already in progress.",
    ]
    history = feedback.detail(desk.core, 1).history
    assert [entry.action for entry in history] == ["created", "started"]
