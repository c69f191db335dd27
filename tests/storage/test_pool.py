"""PostgreSQL's pool: a connection left idle is pinged (and replaced when dead) before use,
one in steady use is not; reads in autocommit hand their connection back as it came."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, func, insert, select, text

from storage import db
from storage.models import Customer
from storage.prepared import Prepared, reading
from tests.conftest import POSTGRES_URL

pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason="PostgreSQL's pool only")

BACKEND = Prepared(lambda: select(func.pg_backend_pid().label("pid")))


@pytest.fixture
def engine(postgres_engine: Engine) -> Iterator[Engine]:
    """An engine of its own, with one pooled connection, on the session's test database."""
    url = postgres_engine.url.render_as_string(hide_password=False)
    engine = db.make_engine(url, pool_size=1, max_overflow=0)
    yield engine
    engine.dispose()


def _backend(engine: Engine) -> int:
    with reading(engine) as reader:
        return int(reader.first(BACKEND).pid)


def _pings(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    pings: list[object] = []
    real = engine.dialect.do_ping

    def counted(dbapi_connection: object) -> bool:
        pings.append(dbapi_connection)
        return bool(real(dbapi_connection))

    monkeypatch.setattr(engine.dialect, "do_ping", counted)
    return pings


def test_a_connection_in_steady_use_is_not_pinged(engine, monkeypatch):
    pings = _pings(engine, monkeypatch)
    first = _backend(engine)
    assert [_backend(engine) for _ in range(3)] == [first] * 3
    assert pings == []


def test_a_connection_idle_long_enough_is_pinged_before_use(engine, monkeypatch):
    first = _backend(engine)
    pings = _pings(engine, monkeypatch)
    monkeypatch.setattr(db, "IDLE_BEFORE_PING", 0.0)
    assert _backend(engine) == first
    assert len(pings) == 1


def test_an_idle_connection_the_server_dropped_is_replaced_without_an_error(
    engine, postgres_engine, monkeypatch
):
    dropped = _backend(engine)
    with postgres_engine.connect() as other:
        other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": dropped})
    monkeypatch.setattr(db, "IDLE_BEFORE_PING", 0.0)
    assert _backend(engine) != dropped  # the reader never saw the dead connection


def test_after_a_read_the_pooled_connection_is_transactional_again(engine):
    _backend(engine)
    with engine.connect() as connection:  # the same pooled connection
        row = {"name": "ACME", "name_key": "acme-pool", "country": "ES", "created_at": func.now()}
        connection.execute(insert(Customer).values(**row))
        connection.rollback()
    with engine.connect() as connection:
        kept = connection.scalar(select(func.count()).where(Customer.name_key == "acme-pool"))
    assert kept == 0
