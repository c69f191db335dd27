"""standups: entries, days, absences; members' country, workdays and profile retry

Revision ID: 0006_standups
Revises: 0005_outbox_lease
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import storage.models.base

revision = "0006_standups"
down_revision = "0005_outbox_lease"
branch_labels = None
depends_on = None


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, storage.models.base.UTCDateTime(timezone=True), nullable=nullable)


def _member_fk(table: str, column: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        ["members.slack_id"],
        name=op.f(f"fk_{table}_{column}_members"),
        ondelete=ondelete,
    )


def upgrade() -> None:
    with op.batch_alter_table("members") as batch:
        batch.add_column(sa.Column("country", sa.String(length=8), nullable=True))
        batch.add_column(sa.Column("workdays", sa.String(length=32), nullable=True))
        batch.add_column(_when("profile_retry_at", nullable=True))
    op.create_table(
        "standup_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("standup", sa.String(length=64), nullable=False),
        sa.Column("member_id", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        _when("prompted_at"),
        _when("cutoff_at"),
        _when("reminded_at", nullable=True),
        sa.Column("answers", storage.models.base.JSONType, nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        _when("answered_at", nullable=True),
        sa.Column("has_blocker", sa.Boolean(), nullable=False),
        sa.Column("helper_id", sa.String(length=32), nullable=True),
        _when("helped_at", nullable=True),
        _member_fk("standup_entries", "member_id", "CASCADE"),
        _member_fk("standup_entries", "helper_id", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standup_entries")),
        sa.UniqueConstraint("key", name=op.f("uq_standup_entries_key")),
    )
    op.create_index(
        "ix_standup_entries_status_prompted_at", "standup_entries", ["status", "prompted_at"]
    )
    op.create_index("ix_standup_entries_standup_day", "standup_entries", ["standup", "day"])
    op.create_index("ix_standup_entries_member_id_day", "standup_entries", ["member_id", "day"])
    op.create_table(
        "standup_days",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("standup", sa.String(length=64), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=64), nullable=False),
        _when("closes_at"),
        _when("closed_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standup_days")),
        sa.UniqueConstraint("key", name=op.f("uq_standup_days_key")),
    )
    op.create_index(op.f("ix_standup_days_closes_at"), "standup_days", ["closes_at"])
    op.create_table(
        "standup_absences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.String(length=32), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("set_by", sa.String(length=32), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        _when("created_at"),
        _member_fk("standup_absences", "member_id", "CASCADE"),
        _member_fk("standup_absences", "set_by", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standup_absences")),
    )
    op.create_index(op.f("ix_standup_absences_member_id"), "standup_absences", ["member_id"])


def downgrade() -> None:
    op.drop_table("standup_absences")
    op.drop_table("standup_days")
    op.drop_table("standup_entries")
    with op.batch_alter_table("members") as batch:
        batch.drop_column("profile_retry_at")
        batch.drop_column("workdays")
        batch.drop_column("country")
