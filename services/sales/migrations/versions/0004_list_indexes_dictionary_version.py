"""Indexes that hand out the hot lists' pages in order, and the dictionary's version row.

Each list filters on a column (owner, stage, owner and stage, customer) and pages newest first
by (created_at, id): an index on the filter column followed by both lets the database read one
page in order and stop, instead of sorting every match. The single-column indexes they start
with are dropped (the composite serves every query, foreign keys included).

`dictionary_version` holds one value that triggers replace on any change to the stages or the
entries, by the service, a later migration or a hand-typed statement: the service caches the
dictionary and reads only this value per command to know its copy is current.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# (new index, table, columns, the single-column index it replaces)
_INDEXES = [
    ("ix_leads_created", "leads", ["created_at", "id"], "ix_leads_created_at", "created_at"),
    ("ix_leads_owner_created", "leads", ["owner_id", "created_at", "id"], "ix_leads_owner_id",
     "owner_id"),
    ("ix_deals_created", "deals", ["created_at", "id"], "ix_deals_created_at", "created_at"),
    ("ix_deals_owner_created", "deals", ["owner_id", "created_at", "id"], "ix_deals_owner_id",
     "owner_id"),
    ("ix_deals_stage_created", "deals", ["stage", "created_at", "id"], "ix_deals_stage", "stage"),
    ("ix_deals_owner_stage_created", "deals", ["owner_id", "stage", "created_at", "id"], None,
     None),
    ("ix_deals_customer_created", "deals", ["customer_id", "created_at", "id"],
     "ix_deals_customer_id", "customer_id"),
    ("ix_contacts_customer_created", "contacts", ["customer_id", "created_at", "id"],
     "ix_contacts_customer_id", "customer_id"),
]  # fmt: skip

_DICTIONARY_TABLES = ("deal_stages", "dictionary_entries")

_SQLITE_TRIGGERS = [
    f"CREATE TRIGGER {table}_{verb.lower()}_version AFTER {verb} ON {table} "
    "BEGIN UPDATE dictionary_version SET version = lower(hex(randomblob(16))); END"
    for table in _DICTIONARY_TABLES
    for verb in ("INSERT", "UPDATE", "DELETE")
]

_POSTGRESQL_TRIGGERS = [
    "CREATE FUNCTION dictionary_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN UPDATE dictionary_version "
    "SET version = md5(random()::text || clock_timestamp()::text); RETURN NULL; END $$",
    *(
        f"CREATE TRIGGER {table}_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION dictionary_version_bump()"
        for table in _DICTIONARY_TABLES
    ),
]


def upgrade() -> None:
    for name, table, columns, replaced, _ in _INDEXES:
        op.create_index(name, table, columns)
        if replaced:
            op.drop_index(replaced, table_name=table)
    op.create_table(
        "dictionary_version",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("version", sa.String(32), nullable=False),
    )
    # Random, not a counter: a cached copy can never match another database's version.
    op.execute(
        sa.text("INSERT INTO dictionary_version (id, version) VALUES (1, :version)").bindparams(
            version=uuid.uuid4().hex
        )
    )
    postgresql = op.get_bind().dialect.name == "postgresql"
    for statement in _POSTGRESQL_TRIGGERS if postgresql else _SQLITE_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in _DICTIONARY_TABLES:
            op.execute(f"DROP TRIGGER {table}_version ON {table}")
        op.execute("DROP FUNCTION dictionary_version_bump()")
    else:
        for table in _DICTIONARY_TABLES:
            for verb in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER {table}_{verb}_version")
    op.drop_table("dictionary_version")
    for name, table, _, replaced, column in reversed(_INDEXES):
        if replaced:
            op.create_index(replaced, table, [column])
        op.drop_index(name, table_name=table)
