"""Deal and lead edits and deletions: deletion tombstones, and the time of a lead's figures.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def at(name: str) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=True)


def upgrade() -> None:
    op.add_column("deal_facts", at("deleted_at"))
    op.add_column("lead_facts", at("changed_at"))
    op.add_column("lead_facts", at("deleted_at"))
    # Until now a lead's figures were its conversion's, else its creation's.
    op.execute("UPDATE lead_facts SET changed_at = COALESCE(converted_at, created_at)")


def downgrade() -> None:
    with op.batch_alter_table("lead_facts") as batch:
        batch.drop_column("deleted_at")
        batch.drop_column("changed_at")
    with op.batch_alter_table("deal_facts") as batch:
        batch.drop_column("deleted_at")
