"""The Alembic migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from storage import db
from storage.models import Base


def test_migrations_and_models_agree(engine):
    # `engine` was built by running every migration on an empty database.
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_upgrade_on_an_empty_database_creates_every_model_table(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    db.upgrade(engine)
    db.upgrade(engine)  # a second upgrade (a restart) is a no-op
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())


def test_sqlite_runs_with_wal_and_foreign_keys(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'pragmas.db'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_postgres_urls_get_the_psycopg_driver():
    assert db.normalize_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
    assert db.normalize_url("sqlite:///x.db") == "sqlite:///x.db"


def test_replicas_upgrading_an_empty_postgres_database_at_once_do_not_race():
    import threading
    import uuid

    import pytest
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from tests.conftest import POSTGRES_URL

    if not POSTGRES_URL:
        pytest.skip("needs TRADEOPS_TEST_DATABASE_URL (PostgreSQL)")
    admin_url = make_url(db.normalize_url(POSTGRES_URL))
    name = f"tradeops_race_{uuid.uuid4().hex[:8]}"
    admin = db.make_engine(
        admin_url.render_as_string(hide_password=False), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    engines = [db.make_engine(url) for _ in range(3)]
    errors: list[Exception] = []

    def start_replica(engine):
        try:
            db.upgrade(engine)
        except Exception as error:  # collected: the assertion below names it
            errors.append(error)

    try:
        threads = [threading.Thread(target=start_replica, args=(e,)) for e in engines]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert set(Base.metadata.tables) <= set(inspect(engines[0]).get_table_names())
    finally:
        for engine in engines:
            engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
