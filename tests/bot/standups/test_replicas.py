"""Three scheduler processes on one PostgreSQL database send each standup message once."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from bot import team
from bot.bootstrap import build_core
from bot.notify import RecordingNotifier
from bot.scheduler import run_pass
from bot.team import SlackProfile
from storage import db
from tests.conftest import POSTGRES_URL
from tests.support.replicas import beat_together

START = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)


@pytest.mark.skipif(not POSTGRES_URL, reason="needs TRADEOPS_TEST_DATABASE_URL (PostgreSQL)")
def test_three_schedulers_ticking_together_prompt_remind_and_close_once(settings, engine):
    with build_core(settings, engine=engine, drain="off", upgrade=False).write() as unit:
        for index, zone in enumerate(["Asia/Shanghai", "Europe/Madrid", "America/New_York"] * 4):
            team.upsert_profile(unit, SlackProfile(f"U{index}", f"member{index}", tz=zone))
    notifier = RecordingNotifier()
    url = engine.url.render_as_string(hide_password=False)
    replicas = [
        build_core(settings, engine=db.make_engine(url), notifier=notifier, drain="off",
                   upgrade=False)
        for _ in range(3)
    ]  # fmt: skip

    def beat(core):
        for minute in range(0, 24 * 60, 15):  # a whole day, every 15 minutes
            run_pass(core, START + timedelta(minutes=minute))

    assert beat_together(replicas, beat) == []
    sent = Counter((m.kind, m.recipient) for m in notifier.sent)
    assert {kind for kind, _ in sent} >= {"standups.prompt", "standups.reminder"}
    assert [pair for pair, count in sent.items() if count > 1] == []
    assert sum(1 for kind, _ in sent if kind == "standups.prompt") == 12
