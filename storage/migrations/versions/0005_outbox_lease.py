"""outbox: a lease for rows being sent, and the start of an unconfirmed send

Revision ID: 0005_outbox_lease
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models.base

revision = "0005_outbox_lease"
down_revision = "0004"
branch_labels = None
depends_on = None

COLUMNS = ("lease_until", "unconfirmed_since")


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        for name in COLUMNS:
            batch_op.add_column(
                sa.Column(name, storage.models.base.UTCDateTime(timezone=True), nullable=True)
            )


def downgrade() -> None:
    # A row caught mid-send goes back to the queue; the older code simply sends it again.
    op.execute("UPDATE outbox SET status = 'pending' WHERE status = 'sending'")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        for name in reversed(COLUMNS):
            batch_op.drop_column(name)
