"""Follow-ups, and the outbox tables.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

from crm_platform.outbox.migration import create_platform_tables_v1, drop_platform_tables_v1

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

INDEXED = ("customer_id", "deal_id", "owner_id", "due_at", "state")


def upgrade() -> None:
    op.create_table(
        "follow_ups",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("contact_id", sa.String(64), nullable=True),
        sa.Column("deal_id", sa.String(64), nullable=True),
        sa.Column("owner_id", sa.String(64), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("priority", sa.String(10), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("outcome", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_follow_ups"),
    )
    for column in INDEXED:
        op.create_index(f"ix_follow_ups_{column}", "follow_ups", [column])
    create_platform_tables_v1()


def downgrade() -> None:
    drop_platform_tables_v1()
    for column in reversed(INDEXED):
        op.drop_index(f"ix_follow_ups_{column}", table_name="follow_ups")
    op.drop_table("follow_ups")
