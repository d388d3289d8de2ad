"""Many rows written in one statement: inserted, or updated in place where the key exists."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

# Both spell the upsert the same way (INSERT ... ON CONFLICT (key) DO UPDATE), each with its
# own construct.
_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def upsert(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Each row inserted or, when its primary key exists, its other columns overwritten. The
    rows must have distinct keys (one statement cannot update a row twice on PostgreSQL)."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    if dialect not in _INSERTS:
        raise NotImplementedError(
            f"no upsert for {dialect}: reporting runs on SQLite or PostgreSQL"
        )
    statement = _INSERTS[dialect](table)
    statement = statement.on_conflict_do_update(
        index_elements=[c.name for c in table.primary_key],
        set_={c.name: statement.excluded[c.name] for c in table.columns if not c.primary_key},
    )
    session.execute(statement, rows)
