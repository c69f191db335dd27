"""A message Slack took is not posted again, whatever happened to the answer (issue 9, 7-8).

Delivery is claim (commit), send with no transaction open, record (commit). A send whose
outcome was lost (a time-out after Slack took it, a dropped connection, a dispatcher killed
before recording) is looked for in the conversation before it is sent again.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot import outbox
from bot.outbox import BASE_BACKOFF, LEASE
from handlers.blocks import Rendered
from handlers.notifier import SlackNotifier
from storage.models import SENDING, SENT
from tests.support.outbox import (
    KIND,
    RENDERERS,
    DiesAfterSending,
    KilledMidDrain,
    ManualClock,
    TransactionProbe,
    bare_client,
    dispatcher,
    drain_at_once,
    enqueue_pings,
    posts_per_key,
    production_client,
    row,
    slack_dispatcher,
)

LATER = BASE_BACKOFF + timedelta(seconds=1)
PAST_THE_LEASE = LEASE + timedelta(seconds=1)
# A member (a DM: conversations.open first) and a channel.
RECIPIENTS = ["U1", "CTEAM"]


@pytest.mark.parametrize("recipient", RECIPIENTS)
def test_a_post_slack_took_whose_answer_timed_out_is_not_posted_again(core, fake_slack, recipient):
    clock = ManualClock()
    enqueue_pings(core, clock, {"ping:1": recipient})
    fake_slack.accept_then_hang("chat.postMessage", seconds=2)
    dispatcher = slack_dispatcher(core, bare_client(fake_slack, timeout=0.3), clock)

    assert dispatcher.drain().retrying == 1  # the client gave up; Slack has the message
    clock.advance(LATER)
    assert dispatcher.drain().sent == 1

    assert posts_per_key(fake_slack, [recipient]) == {"ping:1": 1}
    assert len(fake_slack.calls("chat.postMessage")) == 1
    assert row(core, "ping:1").sent_ts == fake_slack.messages(recipient)[0]["ts"]


def test_a_post_whose_connection_dropped_after_slack_took_it_is_not_posted_again(
    core, fake_slack, settings
):
    # The bot's own client retries a dropped connection at once; for a post that is blind.
    clock = ManualClock()
    enqueue_pings(core, clock, {"ping:1": "U1"})
    fake_slack.accept_then_drop("chat.postMessage")
    dispatcher = slack_dispatcher(core, production_client(settings, fake_slack, 5), clock)

    dispatcher.drain()
    clock.advance(LATER)
    dispatcher.drain()

    assert posts_per_key(fake_slack, ["U1"]) == {"ping:1": 1}
    assert row(core, "ping:1").status == SENT


def _killed_after_sending(core, fake_slack, clock):
    """A dispatcher posts, then dies before it records: the row keeps its claim."""
    notifier = DiesAfterSending(SlackNotifier(bare_client(fake_slack), RENDERERS))
    with pytest.raises(KilledMidDrain):
        dispatcher(core, notifier, clock).drain()


@pytest.mark.parametrize("recipient", RECIPIENTS)
def test_a_dispatcher_killed_between_send_and_record_does_not_post_twice(
    core, fake_slack, recipient
):
    clock = ManualClock()
    enqueue_pings(core, clock, {"ping:1": recipient, "ping:2": recipient})
    _killed_after_sending(core, fake_slack, clock)
    assert row(core, "ping:1").status == SENDING

    survivor = slack_dispatcher(core, bare_client(fake_slack), clock)
    assert survivor.drain().sent == 1  # ping:2; ping:1 is still leased to the dead one
    clock.advance(PAST_THE_LEASE)
    assert survivor.drain().sent == 1  # found in the conversation, not posted again

    assert posts_per_key(fake_slack, [recipient]) == {"ping:1": 1, "ping:2": 1}
    first = row(core, "ping:1")
    assert first.status == SENT
    assert first.sent_ts == fake_slack.messages(recipient)[0]["ts"]


@pytest.mark.parametrize(
    ("method", "status", "error"),
    [
        ("conversations.history", 200, "missing_scope"),  # an app installed before the scope
        ("conversations.open", 500, None),
    ],
)
def test_where_the_check_cannot_be_made_a_killed_send_is_posted_once_more_only(
    core, fake_slack, method, status, error
):
    clock = ManualClock()
    enqueue_pings(core, clock, {"ping:1": "U1"})
    _killed_after_sending(core, fake_slack, clock)
    fake_slack.fail_always(method, status=status, error=error)

    survivor = slack_dispatcher(core, bare_client(fake_slack), clock)
    clock.advance(PAST_THE_LEASE)
    assert survivor.drain().sent == 1
    clock.advance(PAST_THE_LEASE)
    assert survivor.drain().sent == 0

    assert posts_per_key(fake_slack, ["U1"]) == {"ping:1": 2}
    assert [c.method for c in fake_slack.calls(method)] == [method]


def test_no_slack_call_runs_while_a_database_transaction_is_open(
    core, engine, fake_slack, settings
):
    clock = ManualClock()
    enqueue_pings(core, clock, {"ping:1": "U1", "ping:2": "CTEAM", "ping:3": "U2"})
    fake_slack.fail_next("chat.postMessage", status=429, retry_after=1)  # the client waits
    fake_slack.accept_then_hang("chat.postMessage", seconds=2)  # then looks before resending
    probe = TransactionProbe(engine)
    fake_slack.observe(probe)
    dispatcher = slack_dispatcher(core, production_client(settings, fake_slack, 0.5), clock)
    try:
        dispatcher.drain()
        clock.advance(LATER)
        dispatcher.drain()
    finally:
        probe.close()

    assert probe.violations == []
    assert probe.checked.count("chat.postMessage") == 4  # 429, its retry, time-out, one more
    assert "conversations.history" in probe.checked
    assert posts_per_key(fake_slack, ["U1", "CTEAM", "U2"]) == {f"ping:{n}": 1 for n in (1, 2, 3)}


def test_three_dispatchers_draining_at_once_post_each_message_exactly_once(core, fake_slack):
    clock = ManualClock()
    recipients = {f"bulk:{n}": ["U1", "U2", "CTEAM"][n % 3] for n in range(45)}
    enqueue_pings(core, clock, recipients)
    fake_slack.accept_then_hang("chat.postMessage", seconds=2, times=4)
    client = bare_client(fake_slack, timeout=0.3)
    dispatchers = [slack_dispatcher(core, client, clock) for _ in range(3)]

    first_round = drain_at_once(dispatchers)
    clock.advance(LATER)
    drain_at_once(dispatchers)

    # Each row was taken by one dispatcher only: 41 sent, 4 timed out and waiting.
    assert sum(result.sent for result in first_round) == 41
    assert sum(result.retrying for result in first_round) == 4
    assert posts_per_key(fake_slack, recipients.values()) == dict.fromkeys(recipients, 1)
    assert {row(core, key).status for key in recipients} == {SENT}


def test_a_reply_whose_answer_timed_out_is_found_in_its_thread(core, fake_slack):
    clock = ManualClock()
    enqueue_pings(core, clock, {"digest:1": "CSTANDUP"})
    dispatcher = slack_dispatcher(core, bare_client(fake_slack, timeout=0.3), clock)
    assert dispatcher.drain().sent == 1
    with core.write(now=clock.now()) as unit:
        payload = {"text": "digest:1:U1", outbox.THREAD_KEY: "digest:1"}
        outbox.enqueue(unit, "digest:1:U1", KIND, "CSTANDUP", payload)
    fake_slack.accept_then_hang("chat.postMessage", seconds=2)
    assert dispatcher.drain().retrying == 1
    clock.advance(LATER)
    assert dispatcher.drain().sent == 1

    parent_ts = row(core, "digest:1").sent_ts
    assert posts_per_key(fake_slack, ["CSTANDUP"]) == {"digest:1": 1, "digest:1:U1": 1}
    assert fake_slack.last("conversations.replies").params["ts"] == parent_ts
    assert not fake_slack.calls("conversations.history")  # a reply is not at the top level


def test_a_long_retry_after_is_waited_out_by_the_queue_not_inside_the_send(
    core, fake_slack, settings
):
    # A send that slept through Retry-After could outlive its lease and be taken over.
    clock = ManualClock()
    enqueue_pings(core, clock, {"ping:1": "U1"})
    fake_slack.fail_next("chat.postMessage", status=429, retry_after=120)
    dispatcher = slack_dispatcher(core, production_client(settings, fake_slack, 5), clock)

    assert dispatcher.drain().retrying == 1
    assert len(fake_slack.calls("chat.postMessage")) == 1  # the client did not wait and retry
    assert row(core, "ping:1").next_attempt_at >= clock.now() + timedelta(seconds=120)
    clock.advance(timedelta(seconds=121))
    assert dispatcher.drain().sent == 1


def test_a_failed_attachment_does_not_post_the_message_again(core, fake_slack):
    clock = ManualClock()
    enqueue_pings(core, clock, {"summary:1": "CTEAM"})
    fake_slack.fail_always("files.getUploadURLExternal", status=200, error="not_allowed")
    chart = {"filename": "chart.png", "content": b"png", "title": "Chart"}
    renderers = {KIND: lambda out: Rendered(text=out.payload["text"], files=[chart])}
    notifier = SlackNotifier(bare_client(fake_slack), renderers)

    assert dispatcher(core, notifier, clock).drain().sent == 1
    clock.advance(LATER)
    assert dispatcher(core, notifier, clock).drain().sent == 0
    assert posts_per_key(fake_slack, ["CTEAM"]) == {"summary:1": 1}
