"""Three scheduler processes on one PostgreSQL database, beating over the same simulated week,
send each alert, escalation and morning list once."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.bootstrap import build_core
from bot.clock import FixedClock
from bot.notify import RecordingNotifier
from bot.scheduler import run_pass
from storage import db
from storage.models import OutboxMessage
from tests.conftest import POSTGRES_URL
from tests.support import escalation_data as given
from tests.support.replicas import beat_together

WEEK = given.START + timedelta(days=7)
BEAT = timedelta(minutes=15)


@pytest.mark.skipif(not POSTGRES_URL, reason="needs TRADEOPS_TEST_DATABASE_URL (PostgreSQL)")
def test_three_schedulers_beating_through_a_week_send_every_escalation_message_once(engine):
    settings = given.team_settings()
    given.seed(build_core(settings, engine=engine, clock=FixedClock(given.START), drain="off",
                          upgrade=False))  # fmt: skip
    notifier = RecordingNotifier()
    url = engine.url.render_as_string(hide_password=False)
    replicas = [
        build_core(settings, engine=db.make_engine(url), notifier=notifier, drain="off",
                   upgrade=False, clock=FixedClock(given.START))
        for _ in range(3)
    ]  # fmt: skip

    def beat(core):
        for instant in given.beats(given.START, WEEK, BEAT):
            core.clock.instant = instant
            run_pass(core, instant)

    assert beat_together(replicas, beat) == []
    sent = [m for m in notifier.sent if m.kind.startswith("escalation.")]
    kinds = Counter(m.kind for m in sent)
    assert set(kinds) == {"escalation.alert", "escalation.step", "escalation.morning"}
    assert [key for key, count in Counter(m.dedup_key for m in sent).items() if count > 1] == []
    with engine.connect() as connection:
        queued = connection.scalar(select(func.count(OutboxMessage.id)))
    assert len(notifier.sent) == queued  # everything queued was sent, and only once
