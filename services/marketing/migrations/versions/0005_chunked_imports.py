"""Imports committed a chunk at a time: each campaign says which import wrote it, and each
import has a record of how far it got; a campaign of an import that is not done is hidden.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (nullable, no default) on both databases: no copy of the table.
    op.add_column("campaigns", sa.Column("import_id", sa.String(36), nullable=True))
    op.create_index("ix_campaigns_import_id", "campaigns", ["import_id"])
    op.create_table(
        "campaign_imports",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("owner_id", sa.String(64), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("rows_read", sa.Integer, nullable=False),
        sa.Column("created", sa.Integer, nullable=False),
        sa.Column("rejected", sa.Integer, nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_campaign_imports"),
    )
    op.create_index("ix_campaign_imports_state", "campaign_imports", ["state"])


def downgrade() -> None:
    op.drop_index("ix_campaign_imports_state", table_name="campaign_imports")
    op.drop_table("campaign_imports")
    op.drop_index("ix_campaigns_import_id", table_name="campaigns")
    # SQLite drops columns by copying the table: batch mode does that (see 0002).
    with op.batch_alter_table("campaigns") as batch:
        batch.drop_column("import_id")
