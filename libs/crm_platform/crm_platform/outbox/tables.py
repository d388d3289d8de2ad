"""The tables every service's database holds for the outbox and for idempotent consumers.

They live in their own MetaData; each service's Alembic environment targets it beside the
service's own, and its first migration creates them.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
)

platform_metadata = MetaData()

# BigInteger ids autoincrement on PostgreSQL; SQLite only does so for INTEGER PRIMARY KEY.
_ID = BigInteger().with_variant(Integer(), "sqlite")

outbox = Table(
    "outbox",
    platform_metadata,
    # The id orders the relay's sends, so events of one aggregate leave in commit order.
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("event_id", String(36), nullable=False, unique=True),
    Column("topic", String(200), nullable=False),
    Column("key", String(200), nullable=False),
    Column("payload", LargeBinary, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=True, index=True),
)

processed_events = Table(
    "processed_events",
    platform_metadata,
    Column("event_id", String(36), primary_key=True),
    Column("topic", String(200), nullable=False),
    Column("processed_at", DateTime(timezone=True), nullable=False),
)

# The audit log's and the idempotency keys' tables share this metadata (every service's
# migrations and schema checks target it): imported last, so that whoever loads the metadata
# gets it whole.
from crm_platform.audit import tables as _audit_tables  # noqa: E402, F401
from crm_platform.idempotency import tables as _idempotency_tables  # noqa: E402, F401
