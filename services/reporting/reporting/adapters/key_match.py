"""`column IN (keys)` as each database runs it fastest."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, String, any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session


def one_of(session: Session, column, keys: Sequence[str]) -> ColumnElement[bool]:
    """On PostgreSQL `column = ANY(:keys)`, one array parameter: with an IN list of a
    thousand placeholders the driver spends more time parsing the query than the server
    answering it. Elsewhere a plain IN."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, list(keys), type_=ARRAY(String)))
    return column.in_(keys)
