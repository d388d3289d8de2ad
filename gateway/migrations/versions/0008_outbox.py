"""outbox: the gateway's events (gateway.user-changed) written with the change that causes them

The platform's tables (crm_platform.outbox.tables), the outbox relayed to Kafka by `crm-gateway
relay` like every other producer's (issue 17: the notifications service learns the users).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from crm_platform.outbox.migration import create_platform_tables_v1, drop_platform_tables_v1

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The outbox, and processed_events beside it (unused until the gateway consumes events).
    create_platform_tables_v1()


def downgrade() -> None:
    drop_platform_tables_v1()
