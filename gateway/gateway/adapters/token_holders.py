"""Who holds a live access token: asked on every authenticated request.

One SELECT on a pooled driver connection, compiled once for the engine's dialect, with the
columns' own type conversions: no SQLAlchemy Connection around it, so no BEGIN and ROLLBACK
either (on SQLite a lone statement is its own read transaction; on PostgreSQL the pool's
rollback on return ends the driver's implicit one). That is a quarter of what the Core query
on a Connection cost (136 -> ~30 us a lookup on SQLite). It still asks the database every time, so
a logout or a revoked API token stops working at once on every worker and every replica.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Engine, bindparam, select

from gateway.adapters.tables import TokenRow, UserRow
from gateway.adapters.tokens_repository import live
from gateway.adapters.users_repository import to_account
from gateway.domain.account import Account

Convert = Callable[[Any], Any] | None


class TokenHolders:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        dialect = engine.dialect
        query = (
            select(UserRow.__table__)
            .join(TokenRow.__table__, TokenRow.user_id == UserRow.id)
            .where(live(bindparam("digest"), bindparam("now")))
        )
        compiled = query.compile(dialect=dialect)
        self._sql = compiled.string
        # qmark (SQLite) takes the values in order, pyformat (psycopg) by name.
        self._order = tuple(compiled.positiontup or ()) if compiled.positional else ()
        self._binds: dict[str, Convert] = {
            name: parameter.type.dialect_impl(dialect).bind_processor(dialect)
            for name, parameter in compiled.binds.items()
        }
        columns = UserRow.__table__.columns
        self._names = [column.name for column in columns]
        # Only the columns whose values the driver does not hand over as they are (dates,
        # JSON on SQLite): a call per column cost more than the query's own execute.
        self._conversions = [
            (index, convert)
            for index, column in enumerate(columns)
            if (convert := column.type.dialect_impl(dialect).result_processor(dialect, None))
        ]

    def find(self, digest: str, now: datetime) -> Account | None:
        """The holder of the token of `digest` if it is neither expired nor revoked."""
        values = {"digest": digest, "now": now}
        for name, convert in self._binds.items():
            if convert:
                values[name] = convert(values[name])
        parameters = tuple(values[name] for name in self._order) if self._order else values
        connection = self._engine.raw_connection()
        try:
            cursor = connection.cursor()
            try:
                cursor.execute(self._sql, parameters)
                row = cursor.fetchone()
            finally:
                cursor.close()
        finally:
            connection.close()  # back to the pool, which rolls back whatever the driver began
        if row is None:
            return None
        fields = list(row)
        for index, convert in self._conversions:
            fields[index] = convert(fields[index])
        # to_account reads the users table's columns by attribute, as on an ORM row.
        holder = SimpleNamespace(**dict(zip(self._names, fields, strict=True)))
        return to_account(holder)  # type: ignore[arg-type]
