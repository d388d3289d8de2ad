"""Campaign notes, and the per-campaign lead counts kept from sales' events.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # server_default fills the rows that exist already.
    op.add_column("campaigns", sa.Column("leads", sa.Integer, nullable=False, server_default="0"))
    op.add_column(
        "campaigns", sa.Column("converted", sa.Integer, nullable=False, server_default="0")
    )
    op.create_table(
        "campaign_notes",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("campaign_id", sa.String(36), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("author_id", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("edited", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.PrimaryKeyConstraint("id", name="pk_campaign_notes"),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name="fk_campaign_notes_campaign_id_campaigns",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_campaign_notes_campaign_id", "campaign_notes", ["campaign_id"])


def downgrade() -> None:
    op.drop_index("ix_campaign_notes_campaign_id", table_name="campaign_notes")
    op.drop_table("campaign_notes")
    # SQLite drops columns by copying the table: batch mode does that, and is plain ALTER
    # TABLE on PostgreSQL.
    with op.batch_alter_table("campaigns") as batch:
        batch.drop_column("converted")
        batch.drop_column("leads")
