"""Follow-ups from their scheduling and cancellation events: when the due time was set, the
cancellation, and no due time for a follow-up known only from its cancellation.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def at(name: str) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=True)


def upgrade() -> None:
    with op.batch_alter_table("follow_up_facts") as batch:
        batch.add_column(at("cancelled_at"))
        batch.add_column(at("changed_at"))
        batch.alter_column("due_at", existing_type=sa.DateTime(timezone=True), nullable=True)
    # Until now the due time was the completion's, else the latest overdue notice's.
    op.execute("UPDATE follow_up_facts SET changed_at = COALESCE(completed_at, overdue_at)")


def downgrade() -> None:
    op.execute("DELETE FROM follow_up_facts WHERE due_at IS NULL")
    with op.batch_alter_table("follow_up_facts") as batch:
        batch.alter_column("due_at", existing_type=sa.DateTime(timezone=True), nullable=False)
        batch.drop_column("changed_at")
        batch.drop_column("cancelled_at")
