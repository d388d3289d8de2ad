"""Data dictionary tables, seeded with the lists the CRM ships, and the outbox tables.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

from crm_platform.outbox.migration import create_platform_tables_v1, drop_platform_tables_v1

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# The nine stages of API.md: (code, name, probability, closed, won), in order.
DEAL_STAGES = (
    ("qualification", "Qualification", 10, False, False),
    ("needs_analysis", "Needs analysis", 25, False, False),
    ("value_proposition", "Value proposition", 40, False, False),
    ("decision_makers", "Identify decision makers", 60, False, False),
    ("proposal", "Proposal / price quote", 80, False, False),
    ("negotiation", "Negotiation / review", 90, False, False),
    ("closed_won", "Closed won", 100, True, True),
    ("closed_lost", "Closed lost", 0, True, False),
    ("lost_to_competitor", "Lost to competitor", 0, True, False),
)

ENTRIES: dict[str, tuple[tuple[str, str], ...]] = {
    "lead_sources": (
        ("advertisement", "Advertisement"),
        ("cold_call", "Cold call"),
        ("employee_referral", "Employee referral"),
        ("external_referral", "External referral"),
        ("online_store", "Online store"),
        ("partner", "Partner"),
        ("public_relations", "Public relations"),
        ("sales_email", "Sales email"),
        ("partner_seminar", "Partner seminar"),
        ("internal_seminar", "Internal seminar"),
        ("trade_show", "Trade show"),
        ("web_download", "Web download"),
        ("web_research", "Web research"),
        ("chat", "Chat"),
    ),
    "lead_states": (
        ("not_contacted", "Not contacted"),
        ("attempted_contact", "Attempted to contact"),
        ("contacted", "Contacted"),
        ("contact_in_future", "Contact in future"),
        ("pre_qualified", "Pre-qualified"),
        ("junk", "Junk lead"),
        ("lost", "Lost lead"),
    ),
    "appellations": (
        ("mr", "Mr."),
        ("ms", "Ms."),
        ("mrs", "Mrs."),
        ("dr", "Dr."),
        ("prof", "Prof."),
    ),
    "deal_types": (
        ("new_business", "New business"),
        ("existing_business", "Existing business"),
    ),
    "campaign_types": (
        ("conference", "Conference"),
        ("trade_show", "Trade show"),
        ("webinar", "Webinar"),
        ("email", "Email"),
        ("advertisement", "Advertisement"),
        ("partner", "Partner"),
        ("other", "Other"),
    ),
    "follow_up_priorities": (
        ("low", "Low"),
        ("normal", "Normal"),
        ("high", "High"),
        ("urgent", "Urgent"),
    ),
    "follow_up_states": (
        ("scheduled", "Scheduled"),
        ("done", "Done"),
        ("cancelled", "Cancelled"),
    ),
}


def upgrade() -> None:
    stages = op.create_table(
        "deal_stages",
        sa.Column("code", sa.String(40), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("probability", sa.Integer, nullable=False),
        sa.Column("sort_order", sa.Integer, nullable=False),
        sa.Column("closed", sa.Boolean, nullable=False),
        sa.Column("won", sa.Boolean, nullable=False),
        sa.CheckConstraint("probability BETWEEN 0 AND 100", name="ck_deal_stages_probability"),
    )
    entries = op.create_table(
        "dictionary_entries",
        sa.Column("kind", sa.String(40), primary_key=True),
        sa.Column("code", sa.String(40), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("sort_order", sa.Integer, nullable=False),
    )
    op.bulk_insert(
        stages,
        [
            dict(code=c, name=n, probability=p, sort_order=i, closed=cl, won=w)
            for i, (c, n, p, cl, w) in enumerate(DEAL_STAGES, start=1)
        ],
    )
    op.bulk_insert(
        entries,
        [
            dict(kind=kind, code=code, name=name, sort_order=i)
            for kind, values in ENTRIES.items()
            for i, (code, name) in enumerate(values, start=1)
        ],
    )
    create_platform_tables_v1()


def downgrade() -> None:
    drop_platform_tables_v1()
    op.drop_table("dictionary_entries")
    op.drop_table("deal_stages")
