"""A message can edit one sent earlier (chat.update in its place), once that one is in Slack."""

from __future__ import annotations

from bot import outbox
from tests.support.outbox import KIND, ManualClock, bare_client, row, slack_dispatcher


def queue(core, clock, key, payload):
    with core.write(now=clock.now()) as unit:
        outbox.enqueue(unit, key, KIND, "CTEAM", payload)


def test_an_edit_updates_the_original_in_place_and_posts_nothing_new(core, fake_slack):
    clock = ManualClock()
    send = slack_dispatcher(core, bare_client(fake_slack), clock)
    queue(core, clock, "note", {"text": "draft"})
    send.drain()
    queue(core, clock, "note:2", {"text": "final", outbox.UPDATE_KEY: "note"})
    send.drain()
    original = row(core, "note")
    [edit] = fake_slack.calls("chat.update")
    assert (edit.params["channel"], edit.params["ts"]) == (original.sent_channel, original.sent_ts)
    assert edit.params["text"] == "final"
    assert len(fake_slack.calls("chat.postMessage")) == 1


def test_an_edit_waits_until_the_original_is_in_slack(core, fake_slack):
    clock = ManualClock()
    send = slack_dispatcher(core, bare_client(fake_slack), clock)
    queue(core, clock, "note", {"text": "draft"})
    fake_slack.fail_next("chat.postMessage", status=500)
    queue(core, clock, "note:2", {"text": "final", outbox.UPDATE_KEY: "note"})
    send.drain()
    assert fake_slack.calls("chat.update") == []
    clock.advance(outbox.MAX_BACKOFF)
    send.drain()
    assert [call.params["text"] for call in fake_slack.calls("chat.update")] == ["final"]


def test_an_edit_of_a_message_that_failed_for_good_is_posted_instead(core, fake_slack):
    clock = ManualClock()
    send = slack_dispatcher(core, bare_client(fake_slack), clock)
    queue(core, clock, "note", {"text": "draft"})
    fake_slack.fail_next("chat.postMessage", status=200, error="channel_not_found")
    send.drain()
    queue(core, clock, "note:2", {"text": "final", outbox.UPDATE_KEY: "note"})
    send.drain()
    assert [call.params["text"] for call in fake_slack.calls("chat.postMessage")][-1] == "final"
