"""The funnel read from one index: an owner's live deals with the four figures the funnel
sums, so that it no longer looks each deal's row up (on 50,000 deals, an owner's funnel read
went from 42 to a few ms of SQLite).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

FUNNEL_COLUMNS = [
    "owner_id", "created_at", "deleted_at", "stage", "currency", "furthest_order", "amount",
]  # fmt: skip


def upgrade() -> None:
    op.create_index("ix_deal_facts_funnel", "deal_facts", FUNNEL_COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_deal_facts_funnel", table_name="deal_facts")
