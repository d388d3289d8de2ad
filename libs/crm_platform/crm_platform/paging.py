"""Keyset pagination for list use cases: stable order, opaque page tokens, a total.

A page token holds the sort key of the last row handed out; the next page starts after it.
Unlike an offset, rows inserted meanwhile neither repeat nor vanish from the pages that follow.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select, tuple_
from sqlalchemy.orm import Session

from crm_platform.errors import InvalidArgument

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


@dataclass(frozen=True)
class Page:
    items: list[Any]
    next_page_token: str | None
    total: int


def page_size(requested: int) -> int:
    """The page size to use: the default for 0, refused when negative or over the maximum."""
    if requested == 0:
        return DEFAULT_PAGE_SIZE
    if not 0 < requested <= MAX_PAGE_SIZE:
        raise InvalidArgument.field("page_size", f"must be between 1 and {MAX_PAGE_SIZE}")
    return requested


def encode_token(key: Sequence[Any]) -> str:
    values = [{"t": v.isoformat()} if isinstance(v, datetime) else v for v in key]
    raw = json.dumps(values, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_token(token: str, width: int) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError):
        values = None
    if not isinstance(values, list) or len(values) != width:
        raise InvalidArgument.field("page_token", "is not a token this API handed out")
    try:
        return [datetime.fromisoformat(v["t"]) if isinstance(v, dict) else v for v in values]
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidArgument.field("page_token", "is not a token this API handed out") from exc


def keyset_page(
    session: Session,
    query: Select,
    order_by: Sequence[ColumnElement[Any]],
    *,
    requested_size: int,
    token: str,
    descending: bool = False,
) -> Page:
    """One page of `query`'s rows ordered by `order_by` (whose last column must be unique).

    `total` counts every row matching the query's filters, not only those after the token.
    """
    size = page_size(requested_size)
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    key = tuple_(*order_by)
    page_query = query.order_by(*(c.desc() if descending else c.asc() for c in order_by))
    if token:
        after = tuple_(*decode_token(token, len(order_by)))
        page_query = page_query.where(key < after if descending else key > after)
    rows = list(session.execute(page_query.limit(size + 1)).scalars())
    has_more = len(rows) > size
    rows = rows[:size]
    next_token = None
    if has_more and rows:
        last = rows[-1]
        next_token = encode_token([getattr(last, c.key) for c in order_by])
    return Page(rows, next_token, total or 0)
