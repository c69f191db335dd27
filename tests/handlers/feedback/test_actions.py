"""The Start button on the assignee's DM, through signed requests."""

from __future__ import annotations

import pytest
from freezegun import freeze_time

from bot import feedback
from tests.support.driver import visible_text
from tests.support.feedback_data import T0, say, trade_desk


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


def test_a_start_button_on_a_dm_sent_before_the_action_id_changed_still_works(desk, fake_slack):
    say(desk, "add ACME Trading shrink wrap torn")
    assert desk.sent_messages("UOWNER")[0]["blocks"][3]["elements"][0]["action_id"] == (
        "feedback.item.start"
    )
    desk.press("UOWNER", "feedback_start", "1", channel_id="DUOWNER")
    [reply] = fake_slack.calls("response_url")
    assert reply.params["text"] == ":white_check_mark: #1 is in progress."


@pytest.mark.parametrize(
    ("user", "value", "warning"),
    [
        ("UOWNER", "one", "`one` is not a feedback number"),
        ("UOWNER", "7", "There is no feedback #7"),
        ("UOTHER", "1", "Only the assignee of #1"),
    ],
)
def test_a_refused_press_is_a_warning_and_starts_nothing(desk, fake_slack, user, value, warning):
    say(desk, "add ACME Trading shrink wrap torn")
    desk.press(user, "feedback.item.start", value, channel_id=f"D{user}")
    [reply] = fake_slack.calls("response_url")
    assert reply.params["text"].startswith(":warning: ")
    assert warning in reply.params["text"]
    assert [entry.action for entry in feedback.detail(desk.core, 1).history] == ["created"]


def test_share_in_channel_posts_the_item_as_it_stands_now_saying_who_shared_it(desk, fake_slack):
    with freeze_time(T0):
        say(desk, "add ACME Trading shrink wrap torn severity high")
        card = desk.command("/feedback", "show 1", user="UCS", channel="CSERVICE").json()
        [value] = [
            element["value"]
            for block in card["blocks"]
            if block["type"] == "actions"
            for element in block["elements"]
            if element["action_id"] == "feedback.item.share"
        ]
        say(desk, "start 1", user="UOWNER")
        fake_slack.reset()
        desk.press("UCS", "feedback.item.share", value, channel_id="CSERVICE")
    [shared] = [call.params for call in fake_slack.calls("response_url")]
    assert (shared["response_type"], shared["replace_original"]) == ("in_channel", False)
    text = visible_text({"blocks": shared["blocks"]})
    assert text.startswith("Shared by <@UCS>\n#1 ACME Trading")
    assert "*Status*\nIn progress" in text  # read again when pressed
    assert "2026-12-01 10:00 CST · <@UOWNER> started work on it" in text
    assert not [block for block in shared["blocks"] if block["type"] == "actions"]
