"""security audit log: the platform's append-only audit_log, plus the caller's address

The gateway records security changes (users, roles, locks, password resets, API tokens,
sessions ended) in the same table the services keep, so /api/v1/audit shows them alike; the
address is the gateway's own addition (the services never see the client's).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

from crm_platform.audit.migration import create_audit_log_v1, drop_audit_log_v1

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_audit_log_v1()
    # A plain ADD COLUMN (no batch copy), so that SQLite keeps the append-only triggers.
    op.add_column("audit_log", sa.Column("client_address", sa.String(64), nullable=True))


def downgrade() -> None:
    drop_audit_log_v1()
