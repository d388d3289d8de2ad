"""Customers, contacts and notes that existed before sales published them, published once
(into the outbox) so that reporting's customer timeline knows them: see
sales.service.timeline_backfill. On an empty database it writes nothing.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from alembic import op
from sqlalchemy.orm import Session

from sales.service.timeline_backfill import backfill_timeline

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    session = Session(bind=op.get_bind())
    backfill_timeline(session)
    session.flush()


def downgrade() -> None:
    pass  # events once in the outbox are history; the relay may have sent them already
