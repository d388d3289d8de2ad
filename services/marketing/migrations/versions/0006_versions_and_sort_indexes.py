"""Each campaign's version (optimistic concurrency: 1 when created, +1 per change; a save
naming an older one is refused), and the indexes that serve the list's sorts: (column, id) per
sortable column, so a sorted page is read in order (issue 16). The start-date sort orders by
COALESCE(start_date, '9999-12-31') (no date last), hence an index on that expression.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_INDEXES = [
    *(
        (f"ix_campaigns_{column}_id", [column, "id"])
        for column in ("created_at", "updated_at", "name")
    ),
    ("ix_campaigns_start_id", [sa.text("coalesce(start_date, '9999-12-31')"), "id"]),
]


def upgrade() -> None:
    op.add_column(
        "campaigns", sa.Column("version", sa.Integer(), nullable=False, server_default="1")
    )
    for name, columns in _INDEXES:
        op.create_index(name, "campaigns", columns)


def downgrade() -> None:
    for name, _ in _INDEXES:
        op.drop_index(name, "campaigns")
    # ALTER TABLE, not a batch copy of the table (its constraints and indexes stay as they are).
    op.drop_column("campaigns", "version")
