"""Column types that read back exactly what the domain wrote: decimal money and id tuples."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import JSON, String
from sqlalchemy.types import TypeDecorator


class DecimalText(TypeDecorator[Decimal]):
    """Money as its decimal text: exact on SQLite too, where NUMERIC is a float."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect) -> str | None:
        return None if value is None else str(value)

    def process_result_value(self, value: str | None, dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


class IdTuple(TypeDecorator[tuple]):
    impl = JSON
    cache_ok = True

    def process_bind_param(self, value: tuple | None, dialect) -> list | None:
        return None if value is None else list(value)

    def process_result_value(self, value: list | None, dialect) -> tuple:
        return tuple(value or ())
