"""api tokens: access_tokens rows an admin issues to integration accounts, by id and name

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch: SQLite alters a table only by copying it
    with op.batch_alter_table("access_tokens") as table:
        table.add_column(sa.Column("kind", sa.String(16), nullable=False, server_default="session"))
        table.add_column(sa.Column("id", sa.String(36), nullable=True))
        table.add_column(sa.Column("name", sa.String(200), nullable=True))
        table.add_column(sa.Column("created_by", sa.String(36), nullable=True))
        table.create_unique_constraint("uq_access_tokens_id", ["id"])


def downgrade() -> None:
    with op.batch_alter_table("access_tokens") as table:
        table.drop_constraint("uq_access_tokens_id", type_="unique")
        table.drop_column("created_by")
        table.drop_column("name")
        table.drop_column("id")
        table.drop_column("kind")
