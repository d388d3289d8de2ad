"""The campaign and lead reports aggregated in SQL: each lead's campaigns one per row in
`lead_campaigns` (filled here from `lead_facts.campaign_ids`), and indexes that answer a page
of campaigns, their won deals and a window of leads without reading the fact rows.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

ID = sa.String(64)
_BATCH = 5000
_LEADS = sa.table("lead_facts", sa.column("lead_id", ID), sa.column("campaign_ids", sa.JSON))


def upgrade() -> None:
    links = op.create_table(
        "lead_campaigns",
        sa.Column("campaign_id", ID, primary_key=True),
        sa.Column("lead_id", ID, primary_key=True),
    )
    op.create_index("ix_lead_campaigns_lead_id", "lead_campaigns", ["lead_id"])
    connection = op.get_bind()
    rows: list[dict[str, str]] = []
    for lead_id, campaign_ids in connection.execute(sa.select(_LEADS)):
        rows += [dict(campaign_id=c, lead_id=lead_id) for c in set(campaign_ids or ())]
        if len(rows) >= _BATCH:
            connection.execute(links.insert(), rows)
            rows = []
    if rows:
        connection.execute(links.insert(), rows)
    op.create_index(
        "ix_deal_facts_campaign",
        "deal_facts",
        ["campaign_id", "won", "deleted_at", "currency", "amount"],
    )
    op.create_index(
        "ix_lead_facts_report", "lead_facts", ["created_at", "deleted_at", "source", "converted_at"]
    )
    op.create_index("ix_campaign_facts_order", "campaign_facts", ["name", "campaign_id"])


def downgrade() -> None:
    op.drop_index("ix_campaign_facts_order", table_name="campaign_facts")
    op.drop_index("ix_lead_facts_report", table_name="lead_facts")
    op.drop_index("ix_deal_facts_campaign", table_name="deal_facts")
    op.drop_table("lead_campaigns")
