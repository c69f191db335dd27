"""A standup fan-out to every member of the scale (5,000 in three zones at full scale)
through a loopback Slack that answers one chat.postMessage in every members/20 (one in
250 at full scale) with 429 and Retry-After: 1.

A fresh database holds the scale's members only. `tick(now)` runs at each zone's standup
time (09:30 in Shanghai, Madrid, New York on the Monday after the seeded year), queueing
each member's prompt, and the outbox dispatcher drains after each tick. Counted from what
the fake Slack accepted: messages per second over the drains, duplicates (a prompt posted
twice) and losses (a member with no prompt posted), beside Slack's own posting limit for
chat.postMessage: about one message per second per channel, short bursts allowed
while also keeping a workspace-wide limit ("Posting messages: 1 per second, short bursts >1
allowed", https://api.slack.com/docs/rate-limits). A DM is a channel of its own, so a
fan-out to members meets the workspace-wide limit rather than the per-channel figure.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select

from bench.context import Context
from bench.scale import NOW, drop_database, fresh_database
from bench.seed import ZONES, _members
from bench.table import Row
from bot.clock import FixedClock
from bot.scheduler import tick
from handlers.console.loopback import LoopbackSlack
from storage.models import Member, OutboxMessage

PROMPT = "standups.prompt"
SLACK_PER_CHANNEL = 1.0  # chat.postMessage: ~1 message per second per channel


def measure(context: Context) -> list[Row]:
    from bench.scheduled import core_at

    url = fresh_database(context.base_url, context.folder, context.database_name("fanout"))
    try:
        with LoopbackSlack() as fake:
            fake.observe(_rate_limited_now_and_then(fake, max(5, context.scale.members // 20)))
            clock = FixedClock(NOW)
            core = core_at(url, api_url=fake.api_url, clock=clock, notifier=_notifier(url, fake))
            _add_members(core.engine, context.scale.members)
            sent, seconds = _fan_out(core, clock)
            posted = _posted_keys(fake)
            expected = _prompts(core)
            core.engine.dispose()
    finally:
        drop_database(url)
    return _rows(context.scale.members, posted, expected, sent, seconds, fake)


def _notifier(url: str, fake: LoopbackSlack) -> Any:
    from bench.scheduled import settings
    from bot.bootstrap import make_slack_client, slack_notifier

    return slack_notifier(make_slack_client(settings(url, fake.api_url)))


def _rate_limited_now_and_then(fake: LoopbackSlack, every: int) -> Any:
    seen = Counter[str]()

    def observe(method: str, params: dict[str, Any]) -> None:
        if method == "chat.postMessage":
            seen[method] += 1
            if seen[method] % every == 0:
                fake.fail_next(method, status=429, retry_after=1)

    return observe


def _add_members(engine: Any, members: int) -> None:
    with engine.begin() as connection:
        connection.execute(insert(Member), list(_members(members, NOW - timedelta(days=30))))


def _standup_times() -> list[datetime]:
    """09:30 on NOW's local day in each zone, in UTC, earliest first."""
    from zoneinfo import ZoneInfo

    day = NOW.astimezone(ZoneInfo(ZONES[0])).date()
    return sorted(datetime(day.year, day.month, day.day, 9, 30, tzinfo=ZoneInfo(zone))
                  for zone in ZONES)  # fmt: skip


def _fan_out(core: Any, clock: FixedClock) -> tuple[int, float]:
    """Tick at each zone's standup time, drain after each; (messages sent, seconds draining)."""
    sent, seconds = 0, 0.0
    for moment in _standup_times():
        clock.instant = moment
        tick(core, moment)
        started = time.perf_counter()
        while (result := core.dispatcher.drain(limit=1_000)).sent or result.retrying:
            sent += result.sent
            clock.instant = clock.instant + timedelta(seconds=1)  # retries come due
        seconds += time.perf_counter() - started
    return sent, seconds


def _posted_keys(fake: LoopbackSlack) -> list[str]:
    """The outbox key of every post Slack accepted, as the marker in its metadata says."""
    keys = []
    for call in fake.calls("chat.postMessage"):
        metadata = call.params.get("metadata")
        if call.status == 200 and isinstance(metadata, dict):
            keys.append((metadata.get("event_payload") or {}).get("dedup_key"))
    return keys


def _prompts(core: Any) -> dict[str, str]:
    with core.read() as unit:
        query = select(OutboxMessage.dedup_key, OutboxMessage.recipient).where(
            OutboxMessage.kind == PROMPT
        )
        return dict(unit.session.execute(query).all())


def _rows(members: int, posted: list[str], expected: dict[str, str], sent: int,
          seconds: float, fake: LoopbackSlack) -> list[Row]:  # fmt: skip
    counts = Counter(posted)
    duplicates = sum(count - 1 for count in counts.values() if count > 1)
    prompted = {expected[key] for key in counts if key in expected}
    losses = members - len(prompted)
    limited = sum(1 for call in fake.calls("chat.postMessage") if call.status == 429)
    return [
        Row(f"fan-out: {sent:,} messages to {members:,} members, {limited} answered 429",
            sent / seconds if seconds else 0.0, "msg/s", SLACK_PER_CHANNEL,
            "Slack: ~1/s per channel"),
        Row("fan-out: duplicates (a prompt posted twice)", duplicates, "", target="0",
            met=duplicates == 0),
        Row("fan-out: losses (a member with no prompt)", losses, "", target="0", met=losses == 0),
    ]  # fmt: skip
