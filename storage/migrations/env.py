"""Alembic environment: runs on the connection that storage.db.upgrade hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from storage.models import Base

config = context.config
target_metadata = Base.metadata


def run_on(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER much
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_on(connection)
else:  # `alembic` on the command line: TRADEOPS_DATABASE_URL or the SQLite default
    import os

    from storage.db import normalize_url

    url = normalize_url(os.environ.get("TRADEOPS_DATABASE_URL", "sqlite:///tradeops.db"))
    with create_engine(url).begin() as conn:
        run_on(conn)
