"""What a member's own requests read at scale: their open tasks by due time

Revision ID: 0012_request_indexes
Revises: 0011_bench_indexes
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0012_request_indexes"
down_revision = "0011_bench_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.create_index(
            "ix_tasks_assignee_id_status_due_at", ["assignee_id", "status", "due_at"]
        )


def downgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index("ix_tasks_assignee_id_status_due_at")
