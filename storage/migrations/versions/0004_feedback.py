"""feedback: items, comments, history

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models.base

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, storage.models.base.UTCDateTime(timezone=True), nullable=nullable)


def _member_fk(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        ["members.slack_id"],
        name=op.f(f"fk_{table}_{column}_members"),
        ondelete="SET NULL",
    )


def upgrade() -> None:
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reporter_id", sa.String(length=32), nullable=True),
        sa.Column("assignee_id", sa.String(length=32), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        _when("created_at"),
        _when("updated_at"),
        _when("first_response_due_at"),
        _when("resolution_due_at"),
        _when("first_responded_at", nullable=True),
        _when("resolved_at", nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_feedback_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
            name=op.f("fk_feedback_order_id_orders"),
            ondelete="SET NULL",
        ),
        _member_fk("feedback", "reporter_id"),
        _member_fk("feedback", "assignee_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
    )
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_customer_id"), ["customer_id"])
        batch_op.create_index(batch_op.f("ix_feedback_order_id"), ["order_id"])
        batch_op.create_index(batch_op.f("ix_feedback_assignee_id"), ["assignee_id"])
        batch_op.create_index(
            "ix_feedback_status_resolution_due_at", ["status", "resolution_due_at"]
        )

    _create_line_table(
        "feedback_comments", "author_id", sa.Column("text", sa.Text(), nullable=False)
    )
    _create_line_table(
        "feedback_events",
        "actor_id",
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("from_status", sa.String(length=16), nullable=True),
        sa.Column("to_status", sa.String(length=16), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
    )


def _create_line_table(table: str, member_column: str, *columns: sa.Column) -> None:
    """A table of lines that belong to one feedback item (comments, history)."""
    op.create_table(
        table,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feedback_id", sa.Integer(), nullable=False),
        sa.Column(member_column, sa.String(length=32), nullable=True),
        *columns,
        _when("created_at"),
        sa.ForeignKeyConstraint(
            ["feedback_id"],
            ["feedback.id"],
            name=op.f(f"fk_{table}_feedback_id_feedback"),
            ondelete="CASCADE",
        ),
        _member_fk(table, member_column),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    )
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f"ix_{table}_feedback_id"), ["feedback_id"])


def downgrade() -> None:
    for table in ("feedback_events", "feedback_comments"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_feedback_id"))
        op.drop_table(table)
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index("ix_feedback_status_resolution_due_at")
        batch_op.drop_index(batch_op.f("ix_feedback_assignee_id"))
        batch_op.drop_index(batch_op.f("ix_feedback_order_id"))
        batch_op.drop_index(batch_op.f("ix_feedback_customer_id"))
    op.drop_table("feedback")
