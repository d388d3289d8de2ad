"""Topic progress read model, and the platform tables (processed events for idempotence).

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

from crm_platform.outbox.migration import create_platform_tables_v1, drop_platform_tables_v1

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "topic_progress",
        sa.Column("topic", sa.String(200), primary_key=True),
        sa.Column("events_applied", sa.BigInteger, nullable=False),
        sa.Column("last_occurred_at", sa.DateTime(timezone=True), nullable=True),
    )
    create_platform_tables_v1()


def downgrade() -> None:
    drop_platform_tables_v1()
    op.drop_table("topic_progress")
