"""Helpers for outbox tests: a clock that moves when told, dispatchers on the fake Slack,
what Slack ended up showing, and probes for open transactions and dropped connections."""

from __future__ import annotations

import sqlite3
import threading
from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.pool import NullPool

from bot import outbox
from bot.bootstrap import make_slack_client
from bot.clock import SystemClock
from bot.notify import Delivered, Outgoing
from bot.outbox import Dispatcher
from handlers.blocks import Rendered
from handlers.notifier import SlackNotifier
from storage.models import OutboxMessage
from tests.support.fake_slack import FakeSlack

KIND = "test.ping"
RENDERERS = {KIND: lambda outgoing: Rendered(text=outgoing.payload["text"])}


class ManualClock:
    """Starts at the real now (Slack's ts are real time) and moves only when told."""

    def __init__(self, start: datetime | None = None) -> None:
        self.instant = start or SystemClock().now()

    def now(self) -> datetime:
        return self.instant

    def advance(self, delta: timedelta) -> None:
        self.instant += delta


def enqueue_pings(core: Any, clock: ManualClock, recipients: dict[str, str]) -> None:
    """One test.ping per dedup key, to its recipient, due now; the text is the key."""
    with core.write(now=clock.now()) as unit:
        for key, recipient in recipients.items():
            outbox.enqueue(unit, key, KIND, recipient, {"text": key})


def rows(core: Any) -> list[OutboxMessage]:
    with core.write() as unit:
        return list(unit.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def row(core: Any, dedup_key: str) -> OutboxMessage:
    return next(found for found in rows(core) if found.dedup_key == dedup_key)


def bare_client(fake: FakeSlack, timeout: float = 15) -> WebClient:
    """A client without retry handlers, so each attempt is one HTTP call."""
    return WebClient(token="xoxb-test", base_url=fake.api_url, timeout=timeout)


def production_client(settings: Any, fake: FakeSlack, timeout: float) -> WebClient:
    """The client the bot builds (its retry handlers), with a short time-out for tests."""
    client = make_slack_client(settings)
    client.base_url = fake.api_url
    client.timeout = timeout
    return client


def dispatcher(core: Any, notifier: Any, clock: Any = None) -> Dispatcher:
    return Dispatcher(core.sessions, notifier, clock or core.clock, core.settings)


def slack_dispatcher(core: Any, client: WebClient, clock: Any = None) -> Dispatcher:
    return dispatcher(core, SlackNotifier(client, RENDERERS), clock)


def posts_per_key(fake: FakeSlack, conversations: Iterable[str]) -> Counter[str]:
    """How many messages Slack shows for each outbox key (a post's text is its key)."""
    return Counter(
        message["text"] for channel in set(conversations) for message in fake.messages(channel)
    )


def drain_at_once(dispatchers: list[Dispatcher]) -> list[Any]:
    """Drain with every dispatcher on its own thread, all at the same time."""
    results: list[Any] = [None] * len(dispatchers)
    start = threading.Barrier(len(dispatchers))

    def run(index: int) -> None:
        start.wait()
        results[index] = dispatchers[index].drain()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(dispatchers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


class KilledMidDrain(BaseException):
    """Stands for kill -9: nothing in the dispatcher may catch it or run after it."""


class DiesAfterSending:
    """A notifier whose process dies right after Slack took the post, before any record."""

    def __init__(self, notifier: Any) -> None:
        self.notifier = notifier

    def send(self, message: Outgoing) -> Delivered:
        self.notifier.send(message)
        raise KilledMidDrain

    def find(self, message: Outgoing, since: datetime) -> Delivered | None:
        return self.notifier.find(message, since)


class TransactionProbe:
    """A fake-Slack observer: at every Web API call, is a database transaction open?

    SQLite: can another connection take the write lock (BEGIN IMMEDIATE, short time-out)?
    PostgreSQL: does any other session of this database have a transaction open?
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.checked: list[str] = []
        self.violations: list[str] = []
        self._postgres = None if engine.dialect.name == "sqlite" else _side_engine(engine)

    def __call__(self, method: str, params: dict[str, Any]) -> None:
        found = self._sqlite_writer() if self._postgres is None else self._postgres_transactions()
        self.checked.append(method)
        if found:
            self.violations.append(f"{method} while {found}")

    def close(self) -> None:
        if self._postgres is not None:
            self._postgres.dispose()

    def _sqlite_writer(self) -> str | None:
        connection = sqlite3.connect(str(self.engine.url.database), timeout=0.05)
        connection.isolation_level = None
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("ROLLBACK")
            return None
        except sqlite3.OperationalError as error:
            return f"the write lock is held ({error})"
        finally:
            connection.close()

    def _postgres_transactions(self) -> str | None:
        assert self._postgres is not None
        with self._postgres.connect() as connection:
            count = connection.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
                    " AND xact_start IS NOT NULL"
                )
            ).scalar_one()
        return f"{count} transaction(s) are open" if count else None


class ConnectionDropper:
    """Drops the database connection under the dispatcher when it records its nth send.

    PostgreSQL: the server ends the backend (pg_terminate_backend), as a restart or a
    network cut would; SQLite: the connection is closed under SQLAlchemy's feet.
    """

    def __init__(self, engine: Engine, nth: int) -> None:
        self.engine = engine
        self.remaining = nth
        self.dropped = 0
        self._side = None if engine.dialect.name == "sqlite" else _side_engine(engine)
        event.listen(engine, "before_cursor_execute", self._before_execute)

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._before_execute)
        if self._side is not None:
            self._side.dispose()

    def _before_execute(self, connection: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not (statement.startswith("UPDATE outbox") and "sent_at" in statement):
            return
        self.remaining -= 1
        if self.remaining != 0:
            return
        self.dropped += 1
        raw = connection.connection.dbapi_connection
        if self._side is None:
            raw.close()
            return
        with self._side.connect() as side:
            side.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": raw.info.backend_pid})


def _side_engine(engine: Engine) -> Engine:
    """Connections of its own to the same database, outside the engine's pool."""
    url = engine.url.render_as_string(hide_password=False)
    return create_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
