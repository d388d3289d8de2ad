"""Follow-up lifecycle columns; tickets with comments and history; surveys.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

FOLLOW_UP_COLUMNS = ("updated_at", "completed_at", "deal_owner_id", "overdue_notified_at")
TICKET_INDEXED = (
    "customer_id",
    "category",
    "priority",
    "state",
    "assignee_id",
    "sla_due_at",
    "created_at",
)


def _ts(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    with op.batch_alter_table("follow_ups") as batch:
        batch.add_column(_ts("updated_at", nullable=True))
        batch.add_column(_ts("completed_at", nullable=True))
        batch.add_column(sa.Column("deal_owner_id", sa.String(64), nullable=True))
        batch.add_column(_ts("overdue_notified_at", nullable=True))
        batch.create_index("ix_follow_ups_deal_owner_id", ["deal_owner_id"])

    op.create_table(
        "tickets",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("contact_id", sa.String(64), nullable=True),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("category", sa.String(12), nullable=False),
        sa.Column("priority", sa.String(10), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("assignee_id", sa.String(64), nullable=True),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("resolution", sa.Text, nullable=False),
        sa.Column("reporter_id", sa.String(64), nullable=False),
        _ts("sla_due_at"),
        sa.Column("sla_breached", sa.Boolean, nullable=False),
        _ts("resolved_at", nullable=True),
        _ts("created_at"),
        _ts("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_tickets"),
    )
    for column in TICKET_INDEXED:
        op.create_index(f"ix_tickets_{column}", "tickets", [column])

    op.create_table(
        "ticket_comments",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("ticket_id", sa.String(36), nullable=False),
        sa.Column("author_id", sa.String(64), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        _ts("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_ticket_comments"),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name="fk_ticket_comments_ticket_id_tickets"
        ),
    )
    op.create_index("ix_ticket_comments_ticket_id", "ticket_comments", ["ticket_id"])

    op.create_table(
        "ticket_history",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("ticket_id", sa.String(36), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("from_state", sa.String(12), nullable=False),
        sa.Column("to_state", sa.String(12), nullable=False),
        sa.Column("actor_id", sa.String(64), nullable=False),
        _ts("at"),
        sa.Column("changes", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ticket_history"),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name="fk_ticket_history_ticket_id_tickets"
        ),
    )
    op.create_index("ix_ticket_history_ticket_id", "ticket_history", ["ticket_id"])

    op.create_table(
        "surveys",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("ticket_id", sa.String(36), nullable=True),
        sa.Column("follow_up_id", sa.String(36), nullable=True),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("contact_id", sa.String(64), nullable=True),
        sa.Column("token", sa.String(64), nullable=False),
        sa.Column("public_url", sa.String(500), nullable=False),
        _ts("expires_at"),
        sa.Column("score", sa.Integer, nullable=True),
        sa.Column("comment", sa.Text, nullable=False),
        _ts("answered_at", nullable=True),
        _ts("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_surveys"),
        sa.UniqueConstraint("token", name="uq_surveys_token"),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"], name="fk_surveys_ticket_id_tickets"),
        sa.ForeignKeyConstraint(
            ["follow_up_id"], ["follow_ups.id"], name="fk_surveys_follow_up_id_follow_ups"
        ),
    )
    for column in ("ticket_id", "follow_up_id", "created_at"):
        op.create_index(f"ix_surveys_{column}", "surveys", [column])


def downgrade() -> None:
    op.drop_table("surveys")
    op.drop_table("ticket_history")
    op.drop_table("ticket_comments")
    op.drop_table("tickets")
    with op.batch_alter_table("follow_ups") as batch:
        batch.drop_index("ix_follow_ups_deal_owner_id")
        for column in reversed(FOLLOW_UP_COLUMNS):
            batch.drop_column(column)
