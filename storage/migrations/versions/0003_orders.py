"""orders, order changes and watchers

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import storage.models.base

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
UTC_DATETIME = storage.models.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("number_key", sa.String(length=64), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.String(length=32), nullable=True),
        sa.Column("stage", sa.String(length=32), nullable=False),
        sa.Column("stage_since", UTC_DATETIME, nullable=False),
        sa.Column("incoterm", sa.String(length=3), nullable=True),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("supplier", sa.String(length=200), nullable=True),
        sa.Column("port_of_loading", sa.String(length=100), nullable=True),
        sa.Column("port_of_discharge", sa.String(length=100), nullable=True),
        sa.Column("etd", sa.Date(), nullable=True),
        sa.Column("eta", sa.Date(), nullable=True),
        sa.Column("vessel", sa.String(length=200), nullable=True),
        sa.Column("containers", JSON, nullable=False),
        sa.Column("bl_number", sa.String(length=64), nullable=True),
        sa.Column("balance_due", sa.Date(), nullable=True),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("updated_at", UTC_DATETIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_orders_customer_id_customers"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["members.slack_id"],
            name=op.f("fk_orders_owner_id_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_orders")),
        sa.UniqueConstraint("number", name=op.f("uq_orders_number")),
        sa.UniqueConstraint("number_key", name=op.f("uq_orders_number_key")),
    )
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_orders_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_orders_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index("ix_orders_stage_stage_since", ["stage", "stage_since"], unique=False)

    op.create_table(
        "order_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("changed_at", UTC_DATETIME, nullable=False),
        sa.Column("actor", sa.String(length=32), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("changes", JSON, nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
            name=op.f("fk_order_changes_order_id_orders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_changes")),
    )
    with op.batch_alter_table("order_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_order_changes_order_id"), ["order_id"], unique=False)

    op.create_table(
        "order_watchers",
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.slack_id"],
            name=op.f("fk_order_watchers_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
            name=op.f("fk_order_watchers_order_id_orders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("order_id", "member_id", name=op.f("pk_order_watchers")),
    )
    with op.batch_alter_table("order_watchers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_order_watchers_member_id"), ["member_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("order_watchers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_order_watchers_member_id"))
    op.drop_table("order_watchers")
    with op.batch_alter_table("order_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_order_changes_order_id"))
    op.drop_table("order_changes")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_index("ix_orders_stage_stage_since")
        batch_op.drop_index(batch_op.f("ix_orders_owner_id"))
        batch_op.drop_index(batch_op.f("ix_orders_customer_id"))
    op.drop_table("orders")
