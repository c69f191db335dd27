"""The beat: APScheduler calls tick + drain at once on start and then on an interval."""

from __future__ import annotations

import threading

from bot import outbox
from bot.bootstrap import build_core, due_providers
from bot.notify import RecordingNotifier
from bot.scheduler import start_beat


def test_the_beat_delivers_pending_messages_as_soon_as_it_starts(settings, engine):
    notifier = RecordingNotifier()
    delivered = threading.Event()
    original_send = notifier.send

    def send(message):
        delivered.set()
        return original_send(message)

    notifier.send = send
    core = build_core(settings, engine=engine, notifier=notifier, drain="off", upgrade=False)
    with core.write() as unit:
        outbox.enqueue(unit, "catch-up:1", "any.kind", "U1", {"text": "left from before"})
    beat = start_beat(core, interval_seconds=3600)
    try:
        assert delivered.wait(timeout=10)
    finally:
        beat.shutdown(wait=True)
    assert [message.payload["text"] for message in notifier.sent] == ["left from before"]


def test_every_feature_contributes_its_due_providers():
    names = {provider.__qualname__ for provider in due_providers()}
    assert "forget_old_events" in names
