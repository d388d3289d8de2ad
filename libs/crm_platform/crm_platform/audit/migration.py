"""Alembic operations that create the audit log and make it append-only, for one migration of
each service that records changes.

Frozen as version 1: a later change to the table gets its own function and migration.
The triggers refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL) in the database itself, so
that no code path, present or future, nor a hand-typed statement can rewrite history.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

REFUSAL = "audit_log is append-only"

_SQLITE_TRIGGERS = [
    f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
    f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
    for verb in ("UPDATE", "DELETE")
]

_POSTGRESQL_TRIGGERS = [
    "CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN RAISE EXCEPTION '{REFUSAL}' USING ERRCODE = 'insufficient_privilege'; END $$",
    "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()",
]


def create_audit_log_v1() -> None:
    big_id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    op.create_table(
        "audit_log",
        sa.Column("id", big_id, primary_key=True, autoincrement=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.String(200), nullable=False),
        sa.Column("actor_roles", sa.JSON, nullable=False),
        sa.Column("correlation_id", sa.String(64), nullable=False),
        sa.Column("object_type", sa.String(50), nullable=False),
        sa.Column("object_id", sa.String(64), nullable=False),
        sa.Column("action", sa.String(50), nullable=False),
        sa.Column("old_values", sa.JSON, nullable=True),
        sa.Column("new_values", sa.JSON, nullable=True),
    )
    op.create_index("ix_audit_log_object", "audit_log", ["object_type", "object_id", "id"])
    op.create_index("ix_audit_log_actor", "audit_log", ["actor_id", "id"])
    dialect = op.get_bind().dialect.name
    triggers = _POSTGRESQL_TRIGGERS if dialect == "postgresql" else _SQLITE_TRIGGERS
    for statement in triggers:
        op.execute(statement)


def drop_audit_log_v1() -> None:
    # Dropping the table drops its triggers on both databases; the function is PostgreSQL's.
    op.drop_index("ix_audit_log_actor", table_name="audit_log")
    op.drop_index("ix_audit_log_object", table_name="audit_log")
    op.drop_table("audit_log")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION audit_log_refuse_change()")
