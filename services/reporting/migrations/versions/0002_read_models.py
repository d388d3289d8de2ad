"""Read models: one row per deal, lead, campaign, ticket, follow-up and survey.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = sa.String(64)
CODE = sa.String(40)
MONEY = sa.String(40)  # decimal text, exact on SQLite too


def at(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "deal_facts",
        sa.Column("deal_id", ID, primary_key=True),
        sa.Column("stage", CODE, nullable=False),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("owner_id", ID, nullable=False, index=True),
        sa.Column("campaign_id", ID, nullable=False),
        at("stage_at"),
        at("created_at"),
        sa.Column("furthest_order", sa.Integer, nullable=False),
        at("closed_at", nullable=True),
    )
    op.create_table(
        "lead_facts",
        sa.Column("lead_id", ID, primary_key=True),
        sa.Column("source", CODE, nullable=False),
        sa.Column("owner_id", ID, nullable=False),
        sa.Column("campaign_ids", sa.JSON, nullable=False),
        at("created_at", nullable=True),
        at("converted_at", nullable=True),
    )
    op.create_table(
        "campaign_facts",
        sa.Column("campaign_id", ID, primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("cost", MONEY, nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
        at("changed_at"),
    )
    op.create_table(
        "ticket_facts",
        sa.Column("ticket_id", ID, primary_key=True),
        sa.Column("state", CODE, nullable=False),
        sa.Column("priority", CODE, nullable=False),
        at("created_at"),
        at("resolved_at", nullable=True),
        sa.Column("sla_breached", sa.Boolean, nullable=False),
        at("changed_at"),
    )
    op.create_table(
        "follow_up_facts",
        sa.Column("follow_up_id", ID, primary_key=True),
        sa.Column("owner_id", ID, nullable=False),
        at("due_at"),
        at("completed_at", nullable=True),
        at("overdue_at", nullable=True),
        sa.Column("late", sa.Boolean, nullable=False),
    )
    op.create_table(
        "survey_facts",
        sa.Column("survey_id", ID, primary_key=True),
        sa.Column("score", sa.Integer, nullable=False),
        at("answered_at"),
    )


def downgrade() -> None:
    for table in (
        "survey_facts",
        "follow_up_facts",
        "ticket_facts",
        "campaign_facts",
        "lead_facts",
        "deal_facts",
    ):
        op.drop_table(table)
