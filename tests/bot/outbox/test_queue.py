"""The outbox queues each message once, retries what failed, and never drops a message."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from freezegun import freeze_time

from bot import outbox
from bot.notify import RecordingNotifier
from bot.outbox import MAX_ATTEMPTS, Dispatcher
from bot.scheduler import tick
from storage.models import FAILED, PENDING, SENT
from tests.support.outbox import bare_client, rows, slack_dispatcher

NOW = datetime(2026, 11, 2, 1, 30, tzinfo=UTC)


def _standup_prompt(unit):
    outbox.enqueue(unit, "standup-prompt:U1:2026-12-01", "test.ping", "U1", {"text": "morning"})


def test_two_ticks_at_the_same_instant_enqueue_a_message_once(core):
    first = tick(core, NOW, providers=[_standup_prompt])
    second = tick(core, NOW, providers=[_standup_prompt])
    assert (first.enqueued, second.enqueued) == (1, 0)
    assert [row.dedup_key for row in rows(core)] == ["standup-prompt:U1:2026-12-01"]


def test_a_failing_provider_does_not_stop_the_others(core):
    def broken(unit):
        raise RuntimeError("boom")

    result = tick(core, NOW, providers=[broken, _standup_prompt])
    assert result.enqueued == 1
    assert "boom" in result.errors[0]


def test_a_send_answered_429_with_retry_after_is_retried_and_delivered(
    core, fake_slack, slack_client
):
    tick(core, NOW, providers=[_standup_prompt])
    fake_slack.fail_next("chat.postMessage", status=429, retry_after=1)
    result = slack_dispatcher(core, slack_client).drain()
    assert result.sent == 1
    statuses = [call.status for call in fake_slack.calls("chat.postMessage")]
    assert statuses == [429, 200]
    assert fake_slack.last("chat.postMessage").params["text"] == "morning"
    assert rows(core)[0].status == SENT


def test_a_429_that_outlasts_the_client_waits_for_retry_after_then_delivers(core, fake_slack):
    with freeze_time(NOW) as frozen:
        tick(core, NOW, providers=[_standup_prompt])
        fake_slack.fail_next("chat.postMessage", status=429, retry_after=120)
        dispatcher = slack_dispatcher(core, bare_client(fake_slack))
        assert dispatcher.drain().retrying == 1
        row = rows(core)[0]
        assert row.status == PENDING
        assert row.next_attempt_at >= NOW + timedelta(seconds=120)
        frozen.tick(timedelta(seconds=60))
        assert dispatcher.drain().sent == 0  # too early: Slack asked for two minutes
        frozen.tick(timedelta(seconds=61))
        assert dispatcher.drain().sent == 1
    assert rows(core)[0].status == SENT


def test_a_send_that_keeps_failing_stays_in_the_outbox_with_its_error(core, fake_slack):
    fake_slack.fail_always("chat.postMessage", status=500)
    with freeze_time(NOW) as frozen:
        tick(core, NOW, providers=[_standup_prompt])
        dispatcher = slack_dispatcher(core, bare_client(fake_slack))
        for _ in range(MAX_ATTEMPTS + 2):
            dispatcher.drain()
            frozen.tick(timedelta(hours=2))
    row = rows(core)[0]
    assert row.status == FAILED
    assert row.attempts == MAX_ATTEMPTS
    assert "500" in row.last_error
    with core.write() as unit:
        assert outbox.retry_failed(unit) == 1
    assert rows(core)[0].status == PENDING


def test_a_permanent_slack_error_fails_at_once_and_keeps_the_reason(core, fake_slack):
    tick(core, NOW, providers=[_standup_prompt])
    fake_slack.fail_next("chat.postMessage", status=200, error="channel_not_found")
    result = slack_dispatcher(core, bare_client(fake_slack)).drain()
    assert result.failed == 1
    row = rows(core)[0]
    assert (row.status, row.attempts) == (FAILED, 1)
    assert "channel_not_found" in row.last_error


def test_a_message_of_an_unknown_kind_is_kept_as_failed_not_dropped(core, slack_client):
    with core.write() as unit:
        outbox.enqueue(unit, "mystery:1", "no.such.kind", "U1", {})
    assert slack_dispatcher(core, slack_client).drain().failed == 1
    assert "no renderer" in rows(core)[0].last_error


def test_a_reply_waits_for_its_parent_and_posts_in_its_thread(core, fake_slack, slack_client):
    with freeze_time(NOW), core.write() as unit:
        outbox.enqueue(
            unit,
            "digest:1:U1",
            "test.ping",
            "CSTANDUP",
            {"text": "li's answers", outbox.THREAD_KEY: "digest:1"},
        )
        outbox.enqueue(unit, "digest:1", "test.ping", "CSTANDUP", {"text": "digest"})
    with freeze_time(NOW) as frozen:
        dispatcher = slack_dispatcher(core, slack_client)
        assert dispatcher.drain().sent == 1  # the parent; the reply waits for its ts
        frozen.tick(timedelta(minutes=1))
        assert dispatcher.drain().sent == 1
    parent = next(row for row in rows(core) if row.dedup_key == "digest:1")
    reply = fake_slack.last("chat.postMessage")
    assert reply.params["text"] == "li's answers"
    assert reply.params["thread_ts"] == parent.sent_ts


def test_several_dispatchers_at_once_send_each_message_exactly_once(core):
    with core.write() as unit:
        for number in range(60):
            outbox.enqueue(unit, f"bulk:{number}", "test.ping", "U1", {"text": str(number)})
    notifier = RecordingNotifier()
    dispatchers = [Dispatcher(core.sessions, notifier, core.clock, core.settings) for _ in range(3)]
    threads = [threading.Thread(target=d.drain) for d in dispatchers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    sent = sorted(int(message.payload["text"]) for message in notifier.sent)
    assert sent == list(range(60))
    assert {row.status for row in rows(core)} == {SENT}
