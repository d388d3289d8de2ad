"""The audit log: one append-only row per change, made so by triggers refusing UPDATE and DELETE.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from crm_platform.audit.migration import create_audit_log_v1, drop_audit_log_v1

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_audit_log_v1()


def downgrade() -> None:
    drop_audit_log_v1()
