"""playbook_steps: the tasks a stage's checklist became, one per order, stage, step and round

Revision ID: 0010_playbooks
Revises: 0008_kudos
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models.base

revision = "0010_playbooks"
down_revision = "0009_escalation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "playbook_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=32), nullable=False),
        sa.Column("step", sa.String(length=64), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(length=32), nullable=True),
        sa.Column(
            "created_at", storage.models.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_playbook_steps_order_id_orders"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_playbook_steps_task_id_tasks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_playbook_steps")),
        sa.UniqueConstraint(
            "order_id", "stage", "step", "round", name=op.f("uq_playbook_steps_order_id")
        ),
        sa.UniqueConstraint("task_id", name=op.f("uq_playbook_steps_task_id")),
    )  # fmt: skip
    op.create_index(op.f("ix_playbook_steps_order_id"), "playbook_steps", ["order_id"])


def downgrade() -> None:
    op.drop_table("playbook_steps")
