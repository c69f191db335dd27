"""What the weekly summary reads at scale: an order's history by time, balances and ETAs,
feedback by when it was logged, answered and resolved, overdue tasks without the table

Revision ID: 0013_summary_indexes
Revises: 0012_request_indexes
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0013_summary_indexes"
down_revision = "0012_request_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("order_changes", schema=None) as batch_op:
        # Serves what the order_id index did, and an order's last change before a moment.
        batch_op.create_index("ix_order_changes_order_id_changed_at", ["order_id", "changed_at"])
        batch_op.drop_index("ix_order_changes_order_id")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.create_index("ix_orders_paid_on_balance_due", ["paid_on", "balance_due"])
        batch_op.create_index("ix_orders_eta", ["eta"])
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index("ix_feedback_created_at", ["created_at"])
        batch_op.create_index("ix_feedback_first_responded_at", ["first_responded_at"])
        batch_op.create_index("ix_feedback_resolved_at", ["resolved_at"])
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        # Late tasks as before; who has them and since when without reading the rows.
        batch_op.create_index(
            "ix_tasks_status_due_at_created_at_assignee_id",
            ["status", "due_at", "created_at", "assignee_id"],
        )
        batch_op.drop_index("ix_tasks_status_due_at")


def downgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.create_index("ix_tasks_status_due_at", ["status", "due_at"])
        batch_op.drop_index("ix_tasks_status_due_at_created_at_assignee_id")
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index("ix_feedback_resolved_at")
        batch_op.drop_index("ix_feedback_first_responded_at")
        batch_op.drop_index("ix_feedback_created_at")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_index("ix_orders_eta")
        batch_op.drop_index("ix_orders_paid_on_balance_due")
    with op.batch_alter_table("order_changes", schema=None) as batch_op:
        batch_op.create_index("ix_order_changes_order_id", ["order_id"])
        batch_op.drop_index("ix_order_changes_order_id_changed_at")
