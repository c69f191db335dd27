"""What a tick reads at scale: chains by the moment they next have something to send,
standup entries by cutoff, outbox rows by kind

Revision ID: 0011_bench_indexes
Revises: 0010_playbooks
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models.base

revision = "0011_bench_indexes"
down_revision = "0010_playbooks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("escalation_chains", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "next_action_at", storage.models.base.UTCDateTime(timezone=True), nullable=True
            )
        )
        batch_op.create_index("ix_escalation_chains_next_action_at", ["next_action_at"])
    # Chains made before: looked at by the next tick, which sets their real next moment.
    op.execute("UPDATE escalation_chains SET next_action_at = late_since WHERE ended_at IS NULL")
    with op.batch_alter_table("standup_entries", schema=None) as batch_op:
        batch_op.create_index("ix_standup_entries_status_cutoff_at", ["status", "cutoff_at"])
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_kind_dedup_key", ["kind", "dedup_key"])


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_kind_dedup_key")
    with op.batch_alter_table("standup_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_standup_entries_status_cutoff_at")
    with op.batch_alter_table("escalation_chains", schema=None) as batch_op:
        batch_op.drop_index("ix_escalation_chains_next_action_at")
        batch_op.drop_column("next_action_at")
