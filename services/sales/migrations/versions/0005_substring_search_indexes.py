"""Substring indexes for `q` over the folded `search` text of leads, customers, contacts, deals.

`q` is a contains-match (`search LIKE '%q%'`), which no B-tree can look up: every list with
`q` read the whole table's `search` (its B-tree index, narrower than the table), twice with its
total. That read stays for the words in so many rows that reading all of them is cheaper.

PostgreSQL: a pg_trgm GIN index on `search` serves the LIKE itself (the planner rechecks).
pg_trgm takes its trigrams from the characters the database's LC_CTYPE calls letters or
digits: under a UTF-8 locale that includes Chinese, under C (initdb --no-locale) only ASCII,
and a Chinese `q` is then answered by reading every row, as before.

SQLite: one FTS5 table per searched table, `<table>_search`, with the trigram tokenizer (every
run of three characters is a term, so a phrase is a substring) and its term list
`<table>_search_terms` (fts5vocab), which answers queries shorter than three characters: a
one- or two-character `q` is found through the terms that start with it. Each row's text is
indexed with two spaces appended, so that text ending the row still begins a term; folded text
never holds two spaces in a row, so they make no false match. The FTS table is contentless,
its rowid the searched row's rowid, and triggers keep it in step with every insert, update of
`search` and delete, by the service or by a bulk load. The searched tables have no INTEGER
PRIMARY KEY, so their rowid is only stable while the table is not rebuilt: a later migration
that rebuilds one (a batch ALTER on SQLite, a VACUUM) must drop and recreate its search table
and triggers as `upgrade` does here.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_TABLES = ("leads", "customers", "contacts", "deals")
_INDEXED_TEXT = "{row}.search || '  '"  # the same expression on every write and delete


def _sqlite_statements(table: str) -> list[str]:
    index = f"{table}_search"
    new, old = _INDEXED_TEXT.format(row="new"), _INDEXED_TEXT.format(row="old")
    add = f"INSERT INTO {index}(rowid, search) VALUES (new.rowid, {new});"
    remove = f"INSERT INTO {index}({index}, rowid, search) VALUES ('delete', old.rowid, {old});"
    return [
        f"CREATE VIRTUAL TABLE {index} USING fts5(search, content='', columnsize=0, "
        "tokenize='trigram case_sensitive 1')",
        f"CREATE VIRTUAL TABLE {index}_terms USING fts5vocab({index}, 'row')",
        f"CREATE TRIGGER {index}_insert AFTER INSERT ON {table} BEGIN {add} END",
        f"CREATE TRIGGER {index}_update AFTER UPDATE OF search ON {table} BEGIN {remove} {add} END",
        f"CREATE TRIGGER {index}_delete AFTER DELETE ON {table} BEGIN {remove} END",
        # The rows already there.
        f"INSERT INTO {index}(rowid, search) "
        f"SELECT rowid, {_INDEXED_TEXT.format(row=table)} FROM {table}",
    ]


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        # A trusted extension since PostgreSQL 13: the database's owner may create it.
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table in _TABLES:
        if postgresql:
            op.execute(
                f"CREATE INDEX ix_{table}_search_trgm ON {table} USING gin (search gin_trgm_ops)"
            )
        else:
            for statement in _sqlite_statements(table):
                op.execute(statement)


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table in reversed(_TABLES):
        if postgresql:
            op.execute(f"DROP INDEX ix_{table}_search_trgm")
        else:
            for verb in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER {table}_search_{verb}")
            op.execute(f"DROP TABLE {table}_search_terms")
            op.execute(f"DROP TABLE {table}_search")
    # pg_trgm stays: other objects in the database may have come to use it.
