"""Each record's version (optimistic concurrency: 1 when created, +1 per change; a save that
names an older one is refused), and the indexes that serve the lists' sorts.

A list sorts by the column its user picks, then by id (keyset paging): an index on
(column, id) lets the database read a page in order and stop after it instead of sorting every
match (issue 16; figures in the commit that added it). The expected-close sort orders by
COALESCE(expected_close_date, '9999-12-31') (no date last), hence an index on that expression.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_VERSIONED = ("leads", "customers", "contacts", "deals")
_SORTED = {
    "leads": ("updated_at", "full_name", "company"),
    "customers": ("created_at", "updated_at", "name"),
    "contacts": ("created_at", "updated_at", "full_name"),
    "deals": ("updated_at", "name", "amount"),
}
_EXPECTED_CLOSE = "coalesce(expected_close_date, '9999-12-31')"


def upgrade() -> None:
    for table in _VERSIONED:
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    for table, columns in _SORTED.items():
        for column in columns:
            op.create_index(f"ix_{table}_{column}_id", table, [column, "id"])
    op.create_index("ix_deals_expected_close_id", "deals", [sa.text(_EXPECTED_CLOSE), "id"])


def downgrade() -> None:
    op.drop_index("ix_deals_expected_close_id", "deals")
    for table, columns in _SORTED.items():
        for column in columns:
            op.drop_index(f"ix_{table}_{column}_id", table)
    # ALTER TABLE, not a batch copy: SQLite would lose the tables' search triggers (0005).
    for table in _VERSIONED:
        op.drop_column(table, "version")
