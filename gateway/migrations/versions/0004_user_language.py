"""user language: the web UI's language a user chose, applied at each login

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: no choice yet means the browser's language, as before this revision.
    with op.batch_alter_table("users") as table:  # batch: SQLite alters by copying
        table.add_column(sa.Column("language", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as table:
        table.drop_column("language")
