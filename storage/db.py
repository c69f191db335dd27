"""Engine, sessions and schema upgrades for SQLite (the embedded default) and PostgreSQL."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Engine, create_engine, event, exc, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Any constant works; it only has to be the same in every replica.
UPGRADE_LOCK_ID = 0x7472616465  # "trade"
IN_LIMIT = 500  # values per IN (...), under every driver's parameter limit
T = TypeVar("T")


def normalize_url(url: str) -> str:
    """Let operators write postgres:// or postgresql:// and still get the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str, **kwargs: Any) -> Engine:
    url = normalize_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    engine = create_engine(url, **kwargs)
    event.listen(engine, "checkin", _note_idle)
    event.listen(engine, "checkout", _pinger(engine))
    return engine


# A pooled connection that has sat unused this long is pinged before it is handed out: a
# server restart, or a proxy's cut of idle connections, leaves it dead, and a fresh one
# takes its place. One in steady use is not pinged: pinging every checkout (pool_pre_ping)
# cost each request a round trip per read, a third of a status card's.
IDLE_BEFORE_PING = 10.0  # seconds


def _note_idle(_dbapi_connection: Any, record: Any) -> None:
    record.info["idle_since"] = time.monotonic()


def _pinger(engine: Engine) -> Any:
    def ping_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.pop("idle_since", None)
        if idle_since is None or time.monotonic() - idle_since < IDLE_BEFORE_PING:
            return  # just connected, or used a moment ago
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            # The pool drops this connection and hands out a new one (three tries).
            raise exc.DisconnectionError(str(error)) from error

    return ping_if_idle


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the scheduler write while Slack handlers read; foreign keys are off by default.
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # In WAL mode NORMAL stays consistent after a crash and spares an fsync per commit.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    # A write unit takes the write lock when it starts: a deferred transaction that reads and
    # then writes can fail with "database is locked" when another writer got in between.
    # A read unit stays deferred, so under WAL it reads its snapshot beside any writer.
    writes = connection.get_execution_options().get(WRITE_OPTION, False)
    # On the driver's connection: a statement through SQLAlchemy's execution machinery cost
    # several times the BEGIN itself, and every read unit (every request) issues one.
    connection.connection.driver_connection.execute("BEGIN IMMEDIATE" if writes else "BEGIN")


WRITE_OPTION = "tradeops_write"
MAPPED_BYTES = 4 << 30  # SQLite caps it at its build's maximum (2 GB by default)


@contextmanager
def mapped(session: Session) -> Iterator[None]:
    """On SQLite, read the database file through a memory map while inside.

    For the few reads that sweep large parts of the tables (the weekly summary): each page
    is then read without a system call. It took the summary from 3.3 s to 2.1 s of CPU on a
    year of a 5,000-member team. Mapped pages count as the process's resident memory, so
    the map is dropped on the way out: a serving worker stays small. PostgreSQL: nothing.
    """
    if session.get_bind().dialect.name != "sqlite":
        yield
        return
    session.execute(text(f"PRAGMA mmap_size={MAPPED_BYTES}"))
    try:
        yield
    finally:
        session.execute(text("PRAGMA mmap_size=0"))


def make_session_factory(engine: Engine, *, write: bool = True) -> sessionmaker[Session]:
    """Sessions for write units (SQLite: BEGIN IMMEDIATE) or, with write=False, read units."""
    bind = engine.execution_options(**{WRITE_OPTION: True}) if write else engine
    return sessionmaker(bind, expire_on_commit=False)


def alembic_config(connection: Any = None) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "heads") -> None:
    """Migrate to `revision`. On PostgreSQL replicas starting together take turns."""
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": UPGRADE_LOCK_ID})
        command.upgrade(alembic_config(connection), revision)


def in_slices(values: Sequence[T], size: int = IN_LIMIT) -> Iterator[Sequence[T]]:
    """`values` a slice at a time: by default for IN (...) under every driver's parameter
    limit."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def existing(session: Session, column: Any, values: Sequence[Any]) -> set[Any]:
    """Which of `values` stand in `column`."""
    return {
        found
        for part in in_slices(values)
        for found in session.scalars(select(column).where(column.in_(part)))
    }


def insert_if_absent(session: Session, model: Any, values: dict[str, Any], key: str) -> bool:
    """INSERT unless a row with the same unique `key` exists; True when this call inserted.

    One statement (ON CONFLICT DO NOTHING) on both databases, so concurrent callers never race.
    RETURNING, not rowcount: drivers disagree on rowcount for ON CONFLICT DO NOTHING.
    """
    return insert_all_if_absent(session, model, [values], key) == 1


def insert_all_if_absent(
    session: Session, model: Any, rows: Sequence[dict[str, Any]], key: str
) -> int:
    """`insert_if_absent` of many rows at once; how many this call inserted. SQLAlchemy sends
    them as multi-row INSERTs (insertmanyvalues): one statement for what a tick queues, not
    one each."""
    if not rows:
        return 0
    statement = _insert_if_absent(session.get_bind().dialect.name, model.__table__, key)
    return len(session.execute(statement, list(rows)).all())


@cache
def _insert_if_absent(dialect: str, table: Any, key: str) -> Any:
    """Built once per table: a tick inserts thousands of rows, and building the statement
    anew each time (values, cache key) cost more than running it."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    primary_key = table.primary_key.columns[0]
    return insert(table).on_conflict_do_nothing(index_elements=[key]).returning(primary_key)


def is_unique_violation(error: IntegrityError) -> bool:
    """A duplicate key (PostgreSQL's 23505, SQLite's UNIQUE or PRIMARY KEY constraint)."""
    code = getattr(error.orig, "sqlstate", None)
    return code == "23505" or "UNIQUE constraint failed" in str(error.orig)


def ping(engine: Engine) -> bool:
    """True when the database answers a trivial query (for /healthz)."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception:
        return False
