"""outbox: the gateway's events (gateway.user-changed) written with the change that causes them

The platform's tables (crm_platform.outbox.tables), the outbox relayed to Kafka by `crm-gateway
relay` like every other producer's (issue 17: the notifications service learns the users).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from types import SimpleNamespace

import sqlalchemy as sa
from alembic import op

from crm_platform.orm import UtcDateTime
from crm_platform.outbox.migration import create_platform_tables_v1, drop_platform_tables_v1
from crm_platform.unit_of_work import publish_in
from gateway.clients.notifications import user_changed_event

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The outbox, and processed_events beside it (unused until the gateway consumes events).
    create_platform_tables_v1()
    _announce_existing_users()


def _announce_existing_users() -> None:
    """The users made before there was an outbox, once each, so that the services learning
    users from gateway.user-changed know them too (later changes publish themselves)."""
    users = sa.table(
        "users",
        *(sa.column(name, sa.String) for name in ("id", "username", "display_name", "email")),
        sa.column("language", sa.String),
        sa.column("locked", sa.Boolean),
        sa.column("expires_at", UtcDateTime),
    )
    connection = op.get_bind()
    for row in connection.execute(sa.select(users)).mappings().all():
        # publish_in only executes an insert: alembic's connection does as a session would.
        publish_in(connection, "gateway", "gateway.user-changed", row["id"],
                   user_changed_event(SimpleNamespace(**row)))  # type: ignore[arg-type]  # fmt: skip


def downgrade() -> None:
    drop_platform_tables_v1()
