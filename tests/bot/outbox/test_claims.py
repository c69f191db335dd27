"""Claims and records: a lease that ran out, a record whose connection dropped, rows that
keep dying mid-send, and what operators see and retry (`tradeops outbox list|retry`)."""

from __future__ import annotations

import pytest

from bot import cli, outbox
from bot.notify import DeliveryError
from bot.outbox import LEASE, MAX_ATTEMPTS, Attempt
from handlers.notifier import SlackNotifier
from storage.models import FAILED, PENDING, SENDING, SENT
from tests.support.outbox import (
    RENDERERS,
    ConnectionDropper,
    DiesAfterSending,
    KilledMidDrain,
    ManualClock,
    bare_client,
    dispatcher,
    enqueue_pings,
    posts_per_key,
    row,
    slack_dispatcher,
)

PAST_THE_LEASE = LEASE * 1.1


def _dies_after_sending(core, fake_slack, clock):
    return dispatcher(
        core, DiesAfterSending(SlackNotifier(bare_client(fake_slack), RENDERERS)), clock
    )


def test_a_dropped_connection_while_recording_is_recorded_again_at_once(core, engine, fake_slack):
    clock = ManualClock()
    enqueue_pings(core, clock, {"ping:1": "U1"})
    dropper = ConnectionDropper(engine, nth=1)
    try:
        assert slack_dispatcher(core, bare_client(fake_slack), clock).drain().sent == 1
    finally:
        dropper.close()
    assert dropper.dropped == 1
    assert row(core, "ping:1").status == SENT  # not left to wait for its lease
    assert posts_per_key(fake_slack, ["U1"]) == {"ping:1": 1}


def test_a_slow_dispatcher_whose_lease_was_taken_over_does_not_overwrite_the_delivery(
    core, fake_slack
):
    clock = ManualClock()
    enqueue_pings(core, clock, {"ping:1": "U1"})
    slow = slack_dispatcher(core, bare_client(fake_slack), clock)
    stale = slow.claim_next()
    clock.advance(PAST_THE_LEASE)
    assert slack_dispatcher(core, bare_client(fake_slack), clock).drain().sent == 1

    assert slow.record(stale, Attempt(error=DeliveryError("timed out"))) == "retrying"
    assert row(core, "ping:1").status == SENT


def test_a_row_whose_every_attempt_dies_mid_send_ends_failed_not_dropped(core, fake_slack):
    clock = ManualClock()
    enqueue_pings(core, clock, {"ping:1": "U1"})
    fake_slack.fail_always("conversations.history", status=200, error="missing_scope")
    for _ in range(MAX_ATTEMPTS):
        with pytest.raises(KilledMidDrain):
            _dies_after_sending(core, fake_slack, clock).drain()
        clock.advance(PAST_THE_LEASE)
    slack_dispatcher(core, bare_client(fake_slack), clock).drain()

    failed = row(core, "ping:1")
    assert (failed.status, failed.attempts) == (FAILED, MAX_ATTEMPTS)
    assert "abandoned" in failed.last_error
    assert len(fake_slack.calls("chat.postMessage")) == MAX_ATTEMPTS


def test_a_failed_row_retried_by_the_operator_is_looked_for_before_it_is_sent(core, fake_slack):
    clock = ManualClock()
    enqueue_pings(core, clock, {"ping:1": "U1"})
    fake_slack.accept_then_hang("chat.postMessage", seconds=2)
    fake_slack.fail_next("conversations.history", status=200, error="missing_scope")
    fake_slack.fail_next("chat.postMessage", status=200, error="channel_not_found")
    dispatcher = slack_dispatcher(core, bare_client(fake_slack, timeout=0.3), clock)
    dispatcher.drain()  # taken by Slack, but the answer never came
    clock.advance(PAST_THE_LEASE)
    assert dispatcher.drain().failed == 1  # could not look; the new post was refused

    with core.write(now=clock.now()) as unit:
        assert outbox.retry_failed(unit) == 1
    assert dispatcher.drain().sent == 1
    assert posts_per_key(fake_slack, ["U1"]) == {"ping:1": 1}


def test_outbox_list_shows_sending_rows_with_their_lease(
    core, engine, fake_slack, capsys, monkeypatch, tmp_path
):
    clock = ManualClock()
    enqueue_pings(core, clock, {"ping:1": "U1", "ping:2": "U2"})
    with pytest.raises(KilledMidDrain):
        _dies_after_sending(core, fake_slack, clock).drain()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TRADEOPS_DATABASE_URL", engine.url.render_as_string(hide_password=False))

    assert cli.main(["outbox", "list", "--status", "sending"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    claimed = row(core, "ping:1")
    assert claimed.status == SENDING
    assert "ping:1" in line and f"lease until {claimed.lease_until.isoformat()}" in line
    assert cli.main(["outbox", "list"]) == 0
    assert {PENDING, SENDING} <= set(capsys.readouterr().out.split())
