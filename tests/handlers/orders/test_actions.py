"""The buttons on order messages and pages, pressed as Slack would send them."""

from __future__ import annotations

import pytest
from freezegun import freeze_time

from bot import orders
from tests.support.driver import visible_text
from tests.support.orders_data import NOW

BAD_BUTTON = ":warning: That button no longer works; open the item again with its command."


def test_watch_and_history_buttons_act_once_and_answer_privately(order_1042):
    slack = order_1042
    with freeze_time(NOW):
        slack.press(
            "UANA", "orders.watch", "1042", channel_id="C1", response_url=slack.fake.response_url()
        )
        slack.press(
            "UANA", "orders.watch", "1042", channel_id="C1", response_url=slack.fake.response_url()
        )
        slack.press(
            "UANA",
            "orders.history",
            "1042",
            channel_id="C1",
            response_url=slack.fake.response_url(),
        )
    replies = [call.params for call in slack.fake.calls("response_url")]
    assert "You're watching order *1042*" in replies[0]["text"]
    assert "already watching" in replies[1]["text"]
    assert replies[2]["text"] == "History of order 1042"
    assert all(reply["response_type"] == "ephemeral" for reply in replies)
    with slack.core.write() as unit:
        assert orders.status(unit, "1042", "UANA").watchers == 1


def test_a_button_for_an_order_that_is_gone_says_so_privately(order_1042):
    slack = order_1042
    with freeze_time(NOW):
        slack.press("UANA", "orders.status", "1043", channel_id="C1")
    [reply] = [call.params for call in slack.fake.calls("response_url")]
    assert reply["text"] == ":warning: There is no order `1043`. Did you mean `1042`?"
    assert (reply["response_type"], reply["replace_original"]) == ("ephemeral", False)


@pytest.mark.parametrize(
    ("action_id", "value"),
    [
        ("orders.list.next", "not json"),
        ("orders.list.prev", '{"stage": 7, "page": 2}'),
        ("orders.history.next", '{"number": "1042", "page": "²"}'),
        ("orders.history.prev", "[1, 2]"),
    ],
)
def test_a_page_button_whose_value_cannot_be_read_gets_a_warning_not_a_crash(
    order_1042, action_id, value
):
    slack = order_1042
    with freeze_time(NOW):
        slack.press("UANA", action_id, value, channel_id="C1")
    [reply] = [call.params for call in slack.fake.calls("response_url")]
    assert reply["text"] == BAD_BUTTON
    assert reply["replace_original"] is False


def test_a_page_sent_before_the_action_ids_were_renamed_still_turns(order_1042):
    slack = order_1042
    with freeze_time(NOW):
        slack.press("UANA", "orders.list_page.next", '{"page": 2}', channel_id="C1")
        slack.press("UANA", "orders.history_page.prev", '{"number": "1042", "page": 1}')
    replies = [call.params for call in slack.fake.calls("response_url")]
    assert [reply["text"] for reply in replies] == ["Open orders", "History of order 1042"]
    assert all(reply["replace_original"] for reply in replies)


def share_button_of(reply):
    [value] = [
        element["value"]
        for block in reply.get("blocks", [])
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"] == "orders.status.share"
    ]
    return value


def test_share_in_channel_posts_the_card_as_it_stands_now_for_everyone(order_1042):
    slack = order_1042
    with freeze_time(NOW):
        slack.command("/order", "watch 1042", user="UANA")
        card = slack.command("/order", "status 1042", user="UANA", channel="CSALES").json()
        assert card["response_type"] == "ephemeral"
        slack.command("/order", "update 1042 stage qc", user="ULOG")  # after the card was sent
        slack.fake.reset()
        slack.press("UANA", "orders.status.share", share_button_of(card), channel_id="CSALES")
    [shared] = [call.params for call in slack.fake.calls("response_url")]
    assert (shared["response_type"], shared["replace_original"]) == ("in_channel", False)
    text = visible_text({"blocks": shared["blocks"]})
    assert text.index("Shared by <@UANA>") < text.index("Order 1042 · ACME Trading")
    assert "*QC / inspection*" in text  # read again when pressed: the stage moved since
    assert "since 2026-11-30 10:00 CST" in text  # the team's zone, not the sharer's Madrid
    labels = [
        e["text"]["text"] for b in shared["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]
    assert labels == ["Watch", "History"]  # everyone's card: no Unwatch, nothing to share again


@pytest.mark.parametrize("response_url", ["expired", "unreachable"])
def test_a_card_whose_response_url_fails_is_shared_by_the_bot_in_the_channel(
    order_1042, response_url
):
    slack = order_1042
    url = slack.fake.response_url()
    if response_url == "expired":
        slack.fake.fail_next("response_url", status=404)
    else:
        url = "http://127.0.0.1:9/response_url/gone"  # nothing listens there
    with freeze_time(NOW):
        slack.press("UWANG", "orders.status.share", "1042", channel_id="CSALES", response_url=url)
    [post] = slack.sent_messages("CSALES")
    assert "Shared by <@UWANG>" in visible_text(post)
    assert "Order 1042 · ACME Trading" in visible_text(post)  # the team reads English


def test_the_share_button_is_on_the_card_in_the_readers_language(order_1042):
    with freeze_time(NOW):
        card = order_1042.command("/order", "status 1042", user="UWANG").json()
    assert "分享到频道" in visible_text(card)
    assert share_button_of(card) == "1042"
