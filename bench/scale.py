"""A real trade company's size, and a database holding it, for every benchmark in the table.

`Scale.full()` is the size the figures are quoted at: 5,000 members in three time zones,
1,000,000 tasks, 200,000 orders with their stage history, 100,000 feedback items and a year
of standup answers. `Scale.tenth()` is the same company with ten times fewer rows, so a cost
that grows with table size rather than with what is due shows up as a ratio.

`seeded_database(base_url, scale)` gives the URL of a database holding exactly that (a fresh
SQLite file, or a PostgreSQL database of its own on base_url's server, dropped and created),
filled by `bench.seed.seed_year` with bulk INSERTs and then analyzed, as a running server's
autovacuum would have done by the time a team had this much data.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, make_url, text

from bench.seed import Seeded, Volume, seed_year
from storage import db

# Every benchmark sees the same "now": the Monday morning after the seeded year, in UTC.
NOW = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Scale:
    members: int
    tasks: int
    orders: int
    feedback: int
    weeks: int = 52

    @classmethod
    def full(cls) -> Scale:
        return cls(members=5_000, tasks=1_000_000, orders=200_000, feedback=100_000)

    @classmethod
    def tenth(cls) -> Scale:
        return cls.full().divided(10)

    @classmethod
    def tiny(cls) -> Scale:
        """Enough of everything for the tests to run every section in seconds."""
        return cls(members=60, tasks=2_000, orders=400, feedback=200, weeks=10)

    def divided(self, by: int) -> Scale:
        return Scale(self.members // by, self.tasks // by, self.orders // by,
                     self.feedback // by, self.weeks)  # fmt: skip

    def volume(self) -> Volume:
        """The per-week volume seed_year takes that adds up to these totals over the weeks."""
        return Volume(
            tasks_per_member=self.tasks / (self.members * self.weeks),
            orders=round(self.orders / self.weeks),
            feedback=round(self.feedback / self.weeks),
            kudos=max(1, self.members // 25),
        )

    @property
    def label(self) -> str:
        return f"{self.members:,} members, {self.tasks:,} tasks, {self.orders:,} orders"


@dataclass(frozen=True)
class SeededDatabase:
    url: str
    scale: Scale
    seeded: Seeded
    seconds: float


def seeded_database(base_url: str | None, scale: Scale, folder: Path, name: str) -> SeededDatabase:
    """A migrated database holding `scale`, named `name` (a file in folder, or a PG database)."""
    url = fresh_database(base_url, folder, name)
    engine = db.make_engine(url)
    try:
        db.upgrade(engine)
        started = time.perf_counter()
        seeded = seed_year(engine, scale.members, scale.weeks, until=NOW, volume=scale.volume())
        analyze(engine)
        return SeededDatabase(url, scale, seeded, time.perf_counter() - started)
    finally:
        engine.dispose()


def fresh_database(base_url: str | None, folder: Path, name: str) -> str:
    """An empty database: a new SQLite file, or `name` dropped and created on a PG server."""
    if not base_url or base_url.startswith("sqlite"):
        path = folder / f"{name}.db"
        for stale in folder.glob(f"{name}.db*"):
            stale.unlink()
        return f"sqlite:///{path}"
    server = make_url(db.normalize_url(base_url))
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return server.set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    if url.startswith("sqlite"):
        return
    server = make_url(url)
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{server.database}" WITH (FORCE)'))
    finally:
        admin.dispose()


def analyze(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(text("ANALYZE"))
