"""kudos: thank-yous and the people thanked in each; indexes the weekly summary reads by

Revision ID: 0008_kudos
Revises: 0006_standups
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models.base

revision = "0008_kudos"
down_revision = "0006_standups"
branch_labels = None
depends_on = None


def _when(name: str) -> sa.Column:
    return sa.Column(name, storage.models.base.UTCDateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "kudos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("giver_id", sa.String(length=32), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        _when("created_at"),
        sa.ForeignKeyConstraint(
            ["giver_id"], ["members.slack_id"], name=op.f("fk_kudos_giver_id_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kudos")),
    )  # fmt: skip
    op.create_index(op.f("ix_kudos_giver_id"), "kudos", ["giver_id"])
    op.create_index(op.f("ix_kudos_created_at"), "kudos", ["created_at"])
    op.create_table(
        "kudos_thanked",
        sa.Column("kudos_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.String(length=32), nullable=False),
        _when("created_at"),
        sa.ForeignKeyConstraint(
            ["kudos_id"], ["kudos.id"], name=op.f("fk_kudos_thanked_kudos_id_kudos"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.slack_id"], name=op.f("fk_kudos_thanked_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("kudos_id", "member_id", name=op.f("pk_kudos_thanked")),
    )  # fmt: skip
    op.create_index(op.f("ix_kudos_thanked_member_id"), "kudos_thanked", ["member_id"])
    op.create_index(op.f("ix_kudos_thanked_created_at"), "kudos_thanked", ["created_at"])
    # The weekly summary counts a week's tasks made and done, and its orders' stage changes.
    op.create_index("ix_tasks_created_at", "tasks", ["created_at"])
    op.create_index("ix_tasks_completed_at_due_at", "tasks", ["completed_at", "due_at"])
    op.create_index("ix_order_changes_changed_at", "order_changes", ["changed_at"])


def downgrade() -> None:
    op.drop_index("ix_order_changes_changed_at", "order_changes")
    op.drop_index("ix_tasks_completed_at_due_at", "tasks")
    op.drop_index("ix_tasks_created_at", "tasks")
    op.drop_table("kudos_thanked")
    op.drop_table("kudos")
