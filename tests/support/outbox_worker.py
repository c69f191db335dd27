"""A dispatcher in a process of its own, for tests that kill it (kill -9) mid-drain.

python -m tests.support.outbox_worker DATABASE_URL SLACK_API_URL
"""

from __future__ import annotations

import sys

from slack_sdk import WebClient

from bot.clock import SystemClock
from bot.config import Settings, SlackEnv, parse_file_config
from bot.outbox import Dispatcher
from handlers.notifier import SlackNotifier
from storage import db
from tests.support.outbox import RENDERERS


def main(database_url: str, api_url: str) -> None:
    settings = Settings(
        parse_file_config({}), database_url, SlackEnv("xoxb-test", None, None, api_url)
    )
    client = WebClient(token="xoxb-test", base_url=api_url, timeout=60)
    sessions = db.make_session_factory(db.make_engine(database_url))
    notifier = SlackNotifier(client, RENDERERS)
    Dispatcher(sessions, notifier, SystemClock(), settings).drain()


if __name__ == "__main__":
    main(*sys.argv[1:])
