"""Each deal's stage history for the funnel: `deal_facts.visited`, a bit per stage progress
the deal was at, so that "moved on" counts the deals that were at a stage (issue 16: a stage
every deal skipped said "100 %"); the funnel's covering index takes it.

Deals folded before this revision are known to have been at their furthest stage only: their
intermediate stages come back with `crm-reporting rebuild`, which replays the stage events.

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

OLD_FUNNEL = [
    "owner_id", "created_at", "deleted_at", "stage", "currency", "furthest_order", "amount",
]  # fmt: skip


def upgrade() -> None:
    op.add_column(
        "deal_facts", sa.Column("visited", sa.BigInteger, nullable=False, server_default="0")
    )
    # Both SQLite and PostgreSQL shift integers with <<.
    op.execute("UPDATE deal_facts SET visited = 1 << furthest_order")
    op.drop_index("ix_deal_facts_funnel", table_name="deal_facts")
    op.create_index("ix_deal_facts_funnel", "deal_facts", [*OLD_FUNNEL, "visited"])


def downgrade() -> None:
    op.drop_index("ix_deal_facts_funnel", table_name="deal_facts")
    op.create_index("ix_deal_facts_funnel", "deal_facts", OLD_FUNNEL)
    with op.batch_alter_table("deal_facts") as batch:
        batch.drop_column("visited")
