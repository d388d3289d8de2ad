"""Campaigns, and the outbox tables.

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

INDEXED = ("owner_id", "status", "start_date", "name")


def upgrade() -> None:
    op.create_table(
        "campaigns",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("owner_id", sa.String(64), nullable=False),
        sa.Column("start_date", sa.Date, nullable=True),
        sa.Column("end_date", sa.Date, nullable=True),
        sa.Column("budget", sa.Numeric(14, 2), nullable=True),
        sa.Column("actual_cost", sa.Numeric(14, 2), nullable=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_campaigns"),
        sa.CheckConstraint("budget >= 0", name="ck_campaigns_budget_not_negative"),
        sa.CheckConstraint("actual_cost >= 0", name="ck_campaigns_actual_cost_not_negative"),
        sa.CheckConstraint("end_date >= start_date", name="ck_campaigns_ends_after_start"),
    )
    for column in INDEXED:
        op.create_index(f"ix_campaigns_{column}", "campaigns", [column])
    create_platform_tables_v1()


def downgrade() -> None:
    drop_platform_tables_v1()
    for column in reversed(INDEXED):
        op.drop_index(f"ix_campaigns_{column}", table_name="campaigns")
    op.drop_table("campaigns")
