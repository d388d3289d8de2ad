"""Tasks, their reminder claims, logged activities; the outbox, audit log and idempotency keys.

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

TASK_INDEXED = ("due_at", "owner_id", "author_id", "state", "remind_at", "related_id")
ACTIVITY_INDEXED = ("kind", "at", "related_id", "author_id")


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "tasks",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        _when("due_at"),
        sa.Column("priority", sa.String(10), nullable=False),
        sa.Column("owner_id", sa.String(64), nullable=False),
        sa.Column("author_id", sa.String(64), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("reminder_minutes", sa.Integer, nullable=True),
        _when("remind_at", nullable=True),
        sa.Column("related_type", sa.String(10), nullable=True),
        sa.Column("related_id", sa.String(64), nullable=True),
        sa.Column("outcome", sa.Text, nullable=False),
        _when("created_at"),
        _when("updated_at"),
        _when("completed_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_tasks"),
    )
    for column in TASK_INDEXED:
        op.create_index(f"ix_tasks_{column}", "tasks", [column])
    op.create_table(
        "task_notices",
        sa.Column("task_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        _when("due_at"),
        _when("sent_at"),
        sa.PrimaryKeyConstraint("task_id", "kind", "due_at", name="pk_task_notices"),
    )
    op.create_table(
        "activities",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        _when("at"),
        sa.Column("duration_minutes", sa.Integer, nullable=False),
        sa.Column("outcome", sa.Text, nullable=False),
        sa.Column("contact_ids", sa.Text, nullable=False),
        sa.Column("related_type", sa.String(10), nullable=True),
        sa.Column("related_id", sa.String(64), nullable=True),
        sa.Column("author_id", sa.String(64), nullable=False),
        _when("created_at"),
        _when("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_activities"),
    )
    for column in ACTIVITY_INDEXED:
        op.create_index(f"ix_activities_{column}", "activities", [column])
    create_platform_tables_v1()
    create_audit_log_v1()
    create_idempotency_keys_v1()


def downgrade() -> None:
    drop_idempotency_keys_v1()
    drop_audit_log_v1()
    drop_platform_tables_v1()
    for column in reversed(ACTIVITY_INDEXED):
        op.drop_index(f"ix_activities_{column}", table_name="activities")
    op.drop_table("activities")
    op.drop_table("task_notices")
    for column in reversed(TASK_INDEXED):
        op.drop_index(f"ix_tasks_{column}", table_name="tasks")
    op.drop_table("tasks")
