"""The idempotency keys' table, in the platform metadata beside the outbox: every service the
gateway writes to holds one (created by its migration with `create_idempotency_keys_v1`)."""

from __future__ import annotations

from sqlalchemy import Column, Integer, LargeBinary, String, Table

from crm_platform.orm import UtcDateTime
from crm_platform.outbox.tables import platform_metadata

KEYED_CALLS = "idempotency_keys"

idempotency_keys = Table(
    KEYED_CALLS,
    platform_metadata,
    # A digest of caller, key, method and request: a retry of the same call finds its row,
    # and two calls under one key (a request that makes several) keep a row each.
    Column("id", String(64), primary_key=True),
    Column("user_id", String(200), nullable=False),
    Column("method", String(200), nullable=False),
    # The gRPC status code's value (0: OK) and the answer: the response message's bytes, or
    # for an error the google.rpc.Status bytes.
    Column("status_code", Integer, nullable=False),
    Column("response", LargeBinary, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False, index=True),
)
