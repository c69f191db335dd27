"""What the scheduler last followed as late, on the late things themselves: a tick reads what
came due or changed since, not every late thing

Revision ID: 0014_followed_lateness
Revises: 0013_summary_indexes
Create Date: 2026-12-08
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

import storage.models.base

revision = "0014_followed_lateness"
down_revision = "0013_summary_indexes"
branch_labels = None
depends_on = None

# The partial indexes' conditions as the models state them today (written out here so that
# this revision stays what it was when the models change).
FOLLOWED_OUT_OF_STEP = (
    "followed_due_at IS NOT NULL"
    " AND (status <> 'open' OR due_at IS NULL OR due_at <> followed_due_at)"
)
PAYMENT_UNFOLLOWED = (
    "followed_balance_due IS NULL AND balance_due IS NOT NULL AND paid_on IS NULL"
    " AND stage <> 'cancelled'"
)
PAYMENT_OUT_OF_STEP = (
    "followed_balance_due IS NOT NULL AND (balance_due IS NULL OR paid_on IS NOT NULL"
    " OR stage = 'cancelled' OR balance_due <> followed_balance_due)"
)
STAGE_OUT_OF_STEP = (
    "followed_stage_since IS NOT NULL"
    " AND (stage <> followed_stage OR stage_since <> followed_stage_since)"
)
_UNRESOLVED = "status IN ('open', 'in_progress')"
RESPONSE_OUT_OF_STEP = (
    f"followed_response_due_at IS NOT NULL AND (NOT {_UNRESOLVED}"
    " OR first_responded_at IS NOT NULL OR first_response_due_at <> followed_response_due_at)"
)
RESOLUTION_OUT_OF_STEP = (
    f"followed_resolution_due_at IS NOT NULL AND (NOT {_UNRESOLVED}"
    " OR resolution_due_at <> followed_resolution_due_at)"
)
# What the subject of an open chain is marked with: out of step with any real state, so the
# first tick looks at each once (ends what is no longer late, marks the rest).
LONG_AGO = datetime(1970, 1, 1, tzinfo=UTC)
INSTANT = storage.models.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.add_column("tasks", sa.Column("followed_due_at", INSTANT, nullable=True))
    op.add_column("orders", sa.Column("followed_stage", sa.String(length=32), nullable=True))
    op.add_column("orders", sa.Column("followed_stage_since", INSTANT, nullable=True))
    op.add_column("orders", sa.Column("followed_balance_due", sa.Date(), nullable=True))
    op.add_column("feedback", sa.Column("followed_response_due_at", INSTANT, nullable=True))
    op.add_column("feedback", sa.Column("followed_resolution_due_at", INSTANT, nullable=True))
    _mark_subjects_of_open_chains()
    op.create_index(
        "ix_escalation_chains_kind_subject_id", "escalation_chains", ["kind", "subject_id"]
    )
    op.create_index(
        "ix_escalation_chains_ended_at_next_action_at",
        "escalation_chains",
        ["ended_at", "next_action_at"],
    )
    op.create_index(
        "ix_tasks_status_followed_due_at_due_at", "tasks", ["status", "followed_due_at", "due_at"]
    )
    _partial(
        "ix_tasks_followed_out_of_step",
        "tasks",
        ("followed_due_at", "status", "due_at"),
        FOLLOWED_OUT_OF_STEP,
    )
    op.create_index(
        "ix_orders_stage_followed_stage_since_stage_since",
        "orders",
        ["stage", "followed_stage_since", "stage_since"],
    )
    _partial(
        "ix_orders_payment_unfollowed",
        "orders",
        ("balance_due", "paid_on", "stage", "followed_balance_due"),
        PAYMENT_UNFOLLOWED,
    )
    _partial(
        "ix_orders_payment_out_of_step",
        "orders",
        ("followed_balance_due", "balance_due", "paid_on", "stage"),
        PAYMENT_OUT_OF_STEP,
    )
    _partial(
        "ix_orders_stage_out_of_step",
        "orders",
        ("followed_stage_since", "followed_stage", "stage", "stage_since"),
        STAGE_OUT_OF_STEP,
    )
    op.create_index(
        "ix_feedback_response_unfollowed",
        "feedback",
        ["status", "first_responded_at", "followed_response_due_at", "first_response_due_at"],
    )
    op.create_index(
        "ix_feedback_resolution_unfollowed",
        "feedback",
        ["status", "followed_resolution_due_at", "resolution_due_at"],
    )
    _partial(
        "ix_feedback_response_out_of_step",
        "feedback",
        ("followed_response_due_at", "status", "first_responded_at", "first_response_due_at"),
        RESPONSE_OUT_OF_STEP,
    )
    _partial(
        "ix_feedback_resolution_out_of_step",
        "feedback",
        ("followed_resolution_due_at", "status", "resolution_due_at"),
        RESOLUTION_OUT_OF_STEP,
    )


def _partial(name: str, table: str, columns: tuple[str, ...], condition: str) -> None:
    op.create_index(
        name,
        table,
        list(columns),
        sqlite_where=sa.text(condition),
        postgresql_where=sa.text(condition),
    )


def _mark_subjects_of_open_chains() -> None:
    marks = (
        ("tasks", "followed_due_at = :instant", "task", "%"),
        ("orders", "followed_stage = '', followed_stage_since = :instant", "order", "%"),
        ("orders", "followed_balance_due = :day", "payment", "%"),
        ("feedback", "followed_response_due_at = :instant", "feedback", "%:response"),
        ("feedback", "followed_resolution_due_at = :instant", "feedback", "%:resolution"),
    )
    values: dict[str, Any] = {"instant": LONG_AGO, "day": date(1970, 1, 1)}
    types: dict[str, Any] = {"instant": INSTANT, "day": sa.Date()}
    for table, assignment, kind, subject in marks:
        statement = sa.text(
            f"UPDATE {table} SET {assignment} WHERE id IN (SELECT subject_id"
            " FROM escalation_chains WHERE ended_at IS NULL AND kind = :kind"
            " AND subject LIKE :subject)"
        )
        used: list[Any] = [
            sa.bindparam(name, values[name], type_=types[name])
            for name in values
            if f":{name}" in assignment
        ]
        op.execute(statement.bindparams(*used, kind=kind, subject=subject))


def downgrade() -> None:
    for name, table in (
        ("ix_feedback_resolution_out_of_step", "feedback"),
        ("ix_feedback_response_out_of_step", "feedback"),
        ("ix_feedback_resolution_unfollowed", "feedback"),
        ("ix_feedback_response_unfollowed", "feedback"),
        ("ix_orders_stage_out_of_step", "orders"),
        ("ix_orders_payment_out_of_step", "orders"),
        ("ix_orders_payment_unfollowed", "orders"),
        ("ix_orders_stage_followed_stage_since_stage_since", "orders"),
        ("ix_tasks_followed_out_of_step", "tasks"),
        ("ix_tasks_status_followed_due_at_due_at", "tasks"),
        ("ix_escalation_chains_ended_at_next_action_at", "escalation_chains"),
        ("ix_escalation_chains_kind_subject_id", "escalation_chains"),
    ):
        op.drop_index(name, table_name=table)
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_column("followed_resolution_due_at")
        batch_op.drop_column("followed_response_due_at")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_column("followed_balance_due")
        batch_op.drop_column("followed_stage_since")
        batch_op.drop_column("followed_stage")
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_column("followed_due_at")
