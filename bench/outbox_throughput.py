"""What does the outbox cost over posting straight to Slack?

Baseline: N bare chat.postMessage calls through the same WebClient to the loopback fake.
Measured: enqueue N messages (one transaction, as a tick does) and drain them through the
Dispatcher (one short transaction per row). Prints both and the ratio.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

from bot.bootstrap import build_core, make_slack_client
from bot.config import Settings, SlackEnv, parse_file_config
from bot.outbox import enqueue
from handlers.blocks import Rendered
from handlers.notifier import SlackNotifier
from storage import db
from tests.support.fake_slack import FakeSlack


def _settings(api_url: str, database_url: str) -> Settings:
    return Settings(
        parse_file_config({}), database_url, SlackEnv("xoxb-bench", None, None, api_url)
    )


def _baseline(client, messages: int) -> float:
    started = time.perf_counter()
    for number in range(messages):
        client.chat_postMessage(channel="U1", text=f"message {number}")
    return time.perf_counter() - started


def _through_outbox(settings: Settings, client, messages: int) -> tuple[float, float]:
    notifier = SlackNotifier(client, {"bench": lambda out: Rendered(text=out.payload["text"])})
    core = build_core(settings, notifier=notifier, drain="off")
    started = time.perf_counter()
    with core.write() as unit:
        for number in range(messages):
            enqueue(unit, f"bench:{number}", "bench", "U1", {"text": f"message {number}"})
    enqueued = time.perf_counter()
    result = core.dispatcher.drain(limit=messages)
    drained = time.perf_counter()
    assert result.sent == messages, result
    return enqueued - started, drained - enqueued


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    args = parser.parse_args()
    with FakeSlack() as fake, tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'bench.db'}"
        settings = _settings(fake.api_url, url)
        client = make_slack_client(settings)
        baseline = _baseline(client, args.messages)
        enqueue_time, drain_time = _through_outbox(settings, client, args.messages)
        if args.database_url:
            _empty_outbox(url)
    total = enqueue_time + drain_time
    print(f"database: {db.make_engine(url).dialect.name}, messages: {args.messages}")
    print(
        f"baseline  bare chat.postMessage : {baseline:7.3f} s "
        f"({args.messages / baseline:7.0f} msg/s)"
    )
    print(f"outbox    enqueue               : {enqueue_time:7.3f} s")
    print(
        f"outbox    dispatch              : {drain_time:7.3f} s "
        f"({args.messages / drain_time:7.0f} msg/s)"
    )
    print(f"ratio     outbox / baseline     : {total / baseline:7.2f}x")


def _empty_outbox(url: str) -> None:
    engine = db.make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM outbox WHERE dedup_key LIKE 'bench:%'"))


if __name__ == "__main__":
    main()
