"""Everything SQLAlchemy: models, engine and session set-up, Alembic migrations.

This package imports nothing of the rest of tradeops (docs/architecture.md).
"""
