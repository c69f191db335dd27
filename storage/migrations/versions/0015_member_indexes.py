"""What a tick reads of the team at scale: the zones in use and one zone's people from an
index, and who has a role

Revision ID: 0015_member_indexes
Revises: 0014_followed_lateness
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0015_member_indexes"
down_revision = "0014_followed_lateness"
branch_labels = None
depends_on = None

ZONE_COLUMNS = ["active", "tz_override", "slack_tz", "is_bot", "slack_id"]


def upgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.create_index("ix_members_active_zone", ZONE_COLUMNS)
        batch_op.create_index("ix_members_role", ["role"])


def downgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_index("ix_members_role")
        batch_op.drop_index("ix_members_active_zone")
