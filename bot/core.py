"""The core the Slack side and the scheduler share: settings, database, clock, outbox."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from storage import db, prepared

from .clock import Clock
from .config import Settings
from .outbox import Dispatcher
from .unit import Lookup, Unit

log = logging.getLogger(__name__)
T = TypeVar("T")

# A feature's answer to "what is due as of unit.now?": it enqueues into the outbox.
DueProvider = Callable[[Unit], Any]


@dataclass
class Core:
    """Units of work: `write()` for what changes state, `read()` for everything else.

    A read is a plain transaction: on SQLite under WAL it reads beside a writer instead of
    queueing behind it, so `/order status` answers while an import holds the write lock.
    """

    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]  # write units
    read_sessions: sessionmaker[Session]
    clock: Clock
    dispatcher: Dispatcher
    # What tick(now) asks, in order; the composition root lists them.
    due_providers: list[DueProvider] = field(default_factory=list)
    # Called after a unit that enqueued messages commits: drain now, not at the next beat.
    wake_dispatcher: Callable[[], object] = field(default=lambda: None)

    @contextmanager
    def write(self, now: datetime | None = None, wake: bool = True) -> Iterator[Unit]:
        with self.sessions() as session, session.begin():
            unit = Unit(session, self.settings, now or self.clock.now())
            yield unit
        if wake and unit.enqueued:
            self.wake_dispatcher()

    @contextmanager
    def read(self, now: datetime | None = None) -> Iterator[Unit]:
        with self.read_sessions() as session, session.begin():
            yield Unit(session, self.settings, now or self.clock.now())

    @contextmanager
    def lookup(self, now: datetime | None = None) -> Iterator[Lookup]:
        """A read unit of prepared selects on the driver's connection (bot.unit.Lookup)."""
        with prepared.reading(self.engine) as reader:
            yield Lookup(reader, self.settings, now or self.clock.now())

    def write_retrying(self, work: Callable[[Unit], T]) -> T:
        """`work` in a write unit, run once more if it lost a race to insert the same row.

        Ten webhook calls creating one new order at once: all find no order, one inserts it,
        the others' inserts violate the unique number. Run again, they find the winner's
        committed row and update it instead; a second loss is not a race, and is raised.
        """
        try:
            with self.write() as unit:
                return work(unit)
        except IntegrityError as error:
            if not db.is_unique_violation(error):
                raise
            log.info("lost a race to insert a row; once more (%s)", type(error.orig).__name__)
        with self.write() as unit:
            return work(unit)

    def database_answers(self) -> bool:
        return db.ping(self.engine)


class BackgroundDrainer:
    """Drains the outbox on a thread when woken, so Slack handlers never wait on sends.

    The dispatcher opens a transaction only to claim a row and to record its result, never
    around a Slack call, so a slow or rate-limited Slack holds no database lock.
    """

    def __init__(self, dispatcher: Dispatcher) -> None:
        self.dispatcher = dispatcher
        self._wanted = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="outbox-drainer", daemon=True)

    def start(self) -> BackgroundDrainer:
        self._thread.start()
        return self

    def wake(self) -> None:
        self._wanted.set()

    def _loop(self) -> None:
        while True:
            self._wanted.wait()
            self._wanted.clear()
            try:
                self.dispatcher.drain()
            except Exception:  # the next wake or beat tries again; a claimed row's lease ends
                log.exception("outbox drain failed")
