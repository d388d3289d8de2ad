"""The audit log's table, in the platform metadata beside the outbox: every service that
changes records on behalf of users holds one (its migration also adds the append-only triggers).
"""

from __future__ import annotations

from sqlalchemy import JSON, BigInteger, Column, Index, Integer, String, Table

from crm_platform.orm import UtcDateTime
from crm_platform.outbox.tables import platform_metadata

# BigInteger ids autoincrement on PostgreSQL; SQLite only does so for INTEGER PRIMARY KEY.
_ID = BigInteger().with_variant(Integer(), "sqlite")

audit_log = Table(
    "audit_log",
    platform_metadata,
    # The id orders the entries: newest first when reading, ties of one instant included.
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("occurred_at", UtcDateTime(), nullable=False),
    Column("actor_id", String(200), nullable=False),
    Column("actor_roles", JSON, nullable=False),
    Column("correlation_id", String(64), nullable=False),
    Column("object_type", String(50), nullable=False),
    Column("object_id", String(64), nullable=False),
    Column("action", String(50), nullable=False),
    Column("old_values", JSON(none_as_null=True), nullable=True),
    Column("new_values", JSON(none_as_null=True), nullable=True),
    Index("ix_audit_log_object", "object_type", "object_id", "id"),
    Index("ix_audit_log_actor", "actor_id", "id"),
)
