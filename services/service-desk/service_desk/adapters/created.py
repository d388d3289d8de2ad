"""The created-day filter every service-desk list takes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select


def created_within(query: Select, row: Any, created: tuple[datetime | None, datetime | None]):
    """`query` narrowed to rows created in [start, end); an unset bound is open."""
    start, end = created
    if start is not None:
        query = query.where(row.created_at >= start)
    if end is not None:
        query = query.where(row.created_at < end)
    return query
