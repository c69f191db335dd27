"""The Slack notifier marks each post with its outbox key and finds it again by that mark."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import yaml

from bot.clock import SystemClock
from bot.notify import DeliveryError, Outgoing
from handlers import notifier as slack_notifier
from handlers.notifier import SlackNotifier, marker
from tests.support.outbox import KIND, RENDERERS, bare_client

MANIFEST = Path(__file__).resolve().parents[2] / "manifest.yml"


def _outgoing(recipient="U1", key="ping:1", thread_ts=None):
    now = SystemClock().now()
    return Outgoing(KIND, recipient, {"text": key}, "en", "UTC", thread_ts, now, key)


def test_every_post_carries_its_outbox_key_as_message_metadata(fake_slack):
    SlackNotifier(bare_client(fake_slack), RENDERERS).send(_outgoing())
    assert fake_slack.last("chat.postMessage").params["metadata"] == marker("ping:1")


def test_find_reads_the_dm_with_metadata_from_the_attempt_on(fake_slack):
    notifier = SlackNotifier(bare_client(fake_slack), RENDERERS)
    since = SystemClock().now()
    sent = notifier.send(_outgoing())
    notifier.send(_outgoing(key="ping:2"))

    found = notifier.find(_outgoing(), since)

    assert found is not None and found.ts == sent.ts
    assert fake_slack.last("conversations.open").params["users"] == "U1"
    history = fake_slack.last("conversations.history").params
    assert history["channel"] == found.channel == "DU1"
    assert history["include_all_metadata"] in (True, "1", "true")
    assert float(history["oldest"]) <= since.timestamp() - 60


def test_find_returns_none_when_no_post_carries_the_key(fake_slack):
    notifier = SlackNotifier(bare_client(fake_slack), RENDERERS)
    notifier.send(_outgoing(recipient="CTEAM", key="ping:2"))
    since = SystemClock().now() - timedelta(minutes=1)
    assert notifier.find(_outgoing(recipient="CTEAM"), since) is None
    assert not fake_slack.calls("conversations.open")  # a channel is read as it is


def test_find_that_would_read_too_many_pages_says_it_cannot_tell(fake_slack, monkeypatch):
    monkeypatch.setattr(slack_notifier, "HISTORY_PAGE", 2)
    notifier = SlackNotifier(bare_client(fake_slack), RENDERERS)
    since = SystemClock().now()
    for number in range(2 * slack_notifier.HISTORY_PAGES + 1):
        notifier.send(_outgoing(recipient="CTEAM", key=f"other:{number}"))
    with pytest.raises(DeliveryError, match="posts to look through"):
        notifier.find(_outgoing(recipient="CTEAM"), since)


def test_the_app_has_the_scopes_the_check_needs():
    scopes = set(yaml.safe_load(MANIFEST.read_text())["oauth_config"]["scopes"]["bot"])
    # conversations.history/replies in DMs, channels, private channels and group DMs;
    # conversations.open for a member's DM.
    assert {"im:history", "channels:history", "groups:history", "mpim:history"} <= scopes
    assert "im:write" in scopes
