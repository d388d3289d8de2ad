"""The customer timeline's read model: its entries, read newest first per customer, the
customers it shows, and the deleted records whose entries it hides. Filled from the events
from here on; `rebuild` fills it from the start.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

ID, CODE = sa.String(64), sa.String(40)


def column(name: str, kind, nullable: bool = False) -> sa.Column:
    return sa.Column(name, kind, nullable=nullable)


def at(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "timeline_entries",
        sa.Column("key", sa.String(120), primary_key=True),
        *(column(name, ID) for name in ("customer_id", "subject_id", "owner_id",
                                         "deal_owner_id", "actor_id")),
        *(column(name, CODE) for name in ("kind", "subject_type", "audience", "state")),
        at("at", nullable=False),
        column("title", sa.String(300)),
        column("detail", sa.Text),
        column("amount", sa.String(40), nullable=True),
        column("currency", sa.String(3)),
        column("score", sa.Integer),
        at("due_at"),
        column("flagged", sa.Boolean),
        column("active", sa.Boolean),
        at("changed_at"),
    )  # fmt: skip
    op.create_index(
        "ix_timeline_entries_customer_at", "timeline_entries", ["customer_id", "at", "key"]
    )
    op.create_table(
        "timeline_customers",
        sa.Column("customer_id", ID, primary_key=True),
        column("name", sa.String(300)),
        column("website", sa.String(300)),
        column("phone", sa.String(100)),
        column("address", sa.Text),
        column("industry", sa.String(100)),
        column("owner_id", ID),
        column("tags", sa.JSON),
        column("description", sa.Text),
        at("next_contact_at"),
        at("created_at"),
        at("updated_at", nullable=False),
        column("deleted", sa.Boolean),
    )

    op.create_table(
        "timeline_gone",
        sa.Column("key", sa.String(120), primary_key=True),
        column("subject_type", CODE),
        column("subject_id", ID),
        at("at", nullable=False),
    )
    op.create_index("ix_timeline_gone_subject", "timeline_gone", ["subject_type", "subject_id"])


def downgrade() -> None:
    op.drop_table("timeline_gone")
    op.drop_table("timeline_customers")
    op.drop_index("ix_timeline_entries_customer_at", "timeline_entries")
    op.drop_table("timeline_entries")
