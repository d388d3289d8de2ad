"""Customers, contacts and notes that existed before sales published them, published once
(into the outbox) so that reporting's customer timeline knows them: see
sales.service.timeline_backfill. On an empty database it writes nothing.

The backfill reads through today's repositories, whose mapping may name columns a later
migration adds (0009: `version`): those are added for its run with their defaults and dropped
again, so this revision still runs on a database that has not reached them.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from sales.adapters.tables import Base
from sales.service.timeline_backfill import backfill_timeline

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_READ = ("customers", "contacts", "deals", "notes")


def upgrade() -> None:
    bind = op.get_bind()
    if not any(bind.scalar(sa.text(f"SELECT count(*) FROM {table}")) for table in _READ):
        return  # nothing held before: nothing to publish
    with _columns_of_later_revisions():
        session = Session(bind=bind)
        backfill_timeline(session)
        session.flush()


@contextmanager
def _columns_of_later_revisions() -> Iterator[None]:
    inspector = sa.inspect(op.get_bind())
    missing = {
        table: [
            column
            for column in Base.metadata.tables[table].columns
            if column.name not in {c["name"] for c in inspector.get_columns(table)}
        ]
        for table in _READ
    }
    for table, columns in missing.items():
        for column in columns:
            default = column.server_default.arg if column.server_default else None  # type: ignore[attr-defined]
            op.add_column(table, sa.Column(column.name, column.type, server_default=default))
    yield
    # ALTER TABLE, not a batch copy: SQLite would lose the tables' search triggers (0005).
    for table, columns in missing.items():
        for column in columns:
            op.drop_column(table, column.name)


def downgrade() -> None:
    pass  # events once in the outbox are history; the relay may have sent them already
