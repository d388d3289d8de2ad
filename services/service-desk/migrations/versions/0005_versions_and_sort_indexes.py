"""Each ticket's and follow-up's version (optimistic concurrency: 1 when created, +1 per
change; a save naming an older one is refused), and the indexes that serve the lists' sorts:
(column, id) per sortable column, so a sorted page is read in order (issue 16). A follow-up
sorted by update time uses COALESCE(updated_at, created_at): those before 0002 have none.

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

_INDEXES = [
    ("ix_follow_ups_due_id", "follow_ups", ["due_at", "id"]),
    ("ix_follow_ups_created_id", "follow_ups", ["created_at", "id"]),
    ("ix_follow_ups_updated_id", "follow_ups", [sa.text("coalesce(updated_at, created_at)"), "id"]),
    ("ix_follow_ups_subject_id", "follow_ups", ["subject", "id"]),
    *(
        (f"ix_tickets_{column}_id", "tickets", [column, "id"])
        for column in ("created_at", "updated_at", "subject", "sla_due_at")
    ),
]


def upgrade() -> None:
    for table in ("follow_ups", "tickets"):
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    for name, table, columns in _INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _ in _INDEXES:
        op.drop_index(name, table)
    for table in ("follow_ups", "tickets"):
        op.drop_column(table, "version")
