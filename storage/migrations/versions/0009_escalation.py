"""escalation: chains of who is told about something late, fixed when each chain starts

Revision ID: 0009_escalation
Revises: 0008_kudos
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import storage.models.base

revision = "0009_escalation"
down_revision = "0008_kudos"
branch_labels = None
depends_on = None


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, storage.models.base.UTCDateTime(timezone=True), nullable=nullable)


def _json(name: str) -> sa.Column:
    json = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
    return sa.Column(name, json, nullable=False)


def upgrade() -> None:
    op.create_table(
        "escalation_chains",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.String(length=100), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.String(length=32), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        _json("detail"),
        _when("late_since"),
        _json("steps"),
        sa.Column("next_step", sa.Integer(), nullable=False),
        _json("told"),
        sa.Column("acknowledged_by", sa.String(length=32), nullable=True),
        _when("acknowledged_at", nullable=True),
        _when("ended_at", nullable=True),
        sa.Column("ended_by", sa.String(length=32), nullable=True),
        sa.Column("end_reason", sa.String(length=32), nullable=True),
        _when("created_at"),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["members.slack_id"], name=op.f("fk_escalation_chains_owner_id_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_escalation_chains")),
        sa.UniqueConstraint("key", name=op.f("uq_escalation_chains_key")),
    )  # fmt: skip
    op.create_index("ix_escalation_chains_ended_at", "escalation_chains", ["ended_at"])
    op.create_index("ix_escalation_chains_created_at", "escalation_chains", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_escalation_chains_created_at", "escalation_chains")
    op.drop_index("ix_escalation_chains_ended_at", "escalation_chains")
    op.drop_table("escalation_chains")
