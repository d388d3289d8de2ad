"""Idempotency keys: each keyed call's answer, recorded in the transaction of its write, so a
retry with the same Idempotency-Key gets the first answer whatever the gateway saw.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from crm_platform.idempotency.migration import (
    create_idempotency_keys_v1,
    drop_idempotency_keys_v1,
)

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_idempotency_keys_v1()


def downgrade() -> None:
    drop_idempotency_keys_v1()
