"""Notifications, preferences, users, owners, reminders, the mail queue; the platform tables.

Revision ID: 0001
Revises:
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

from crm_platform.audit.migration import create_audit_log_v1, drop_audit_log_v1
from crm_platform.idempotency.migration import (
    create_idempotency_keys_v1,
    drop_idempotency_keys_v1,
)
from crm_platform.outbox.migration import create_platform_tables_v1, drop_platform_tables_v1

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("username", sa.String(150), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(320), nullable=True),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
    )
    op.create_table(
        "notifications",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("link", sa.String(300), nullable=False),
        sa.Column("related_type", sa.String(40), nullable=False),
        sa.Column("related_id", sa.String(64), nullable=False),
        sa.Column("in_app", sa.Boolean, nullable=False),
        sa.Column("read", sa.Boolean, nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("email_state", sa.String(16), nullable=False),
    )
    op.create_index(
        "ix_notifications_inbox", "notifications", ["user_id", "in_app", "read", "created_at"]
    )
    op.create_index("ix_notifications_digest", "notifications", ["email_state", "user_id"])
    op.create_table(
        "preferences",
        sa.Column("user_id", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(40), primary_key=True),
        sa.Column("channel", sa.String(16), nullable=False),
    )
    op.create_table(
        "user_settings",
        sa.Column("user_id", sa.String(64), primary_key=True),
        sa.Column("email_frequency", sa.String(16), nullable=False),
    )
    op.create_table(
        "record_owners",
        sa.Column("related_type", sa.String(40), primary_key=True),
        sa.Column("related_id", sa.String(64), primary_key=True),
        sa.Column("owner_id", sa.String(64), nullable=False),
        sa.Column("subject", sa.String(500), nullable=False),
    )
    op.create_table(
        "reminders",
        sa.Column("kind", sa.String(40), primary_key=True),
        sa.Column("related_id", sa.String(64), primary_key=True),
        sa.Column("related_type", sa.String(40), nullable=False),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("fire_at", _TIME, nullable=False),
        sa.Column("params", sa.Text, nullable=False),
        sa.Column("fired", sa.Boolean, nullable=False),
    )
    op.create_index("ix_reminders_fire_at", "reminders", ["fire_at"])
    big_id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    op.create_table(
        "mail_queue",
        sa.Column("id", big_id, primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.String(64), nullable=False),
        sa.Column("to_address", sa.String(320), nullable=False),
        sa.Column("subject", sa.String(500), nullable=False),
        sa.Column("text_body", sa.Text, nullable=False),
        sa.Column("html_body", sa.Text, nullable=False),
        sa.Column("message_id", sa.String(300), nullable=False, unique=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", _TIME, nullable=False),
        sa.Column("claimed_until", _TIME, nullable=True),
        sa.Column("last_error", sa.Text, nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("sent_at", _TIME, nullable=True),
    )
    op.create_index("ix_mail_queue_due", "mail_queue", ["state", "next_attempt_at"])
    create_platform_tables_v1()
    create_audit_log_v1()
    create_idempotency_keys_v1()


def downgrade() -> None:
    drop_idempotency_keys_v1()
    drop_audit_log_v1()
    drop_platform_tables_v1()
    for table in ("mail_queue", "reminders", "record_owners", "user_settings", "preferences"):
        op.drop_table(table)
    op.drop_table("notifications")
    op.drop_table("users")
