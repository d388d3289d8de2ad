"""Keyset pagination for list use cases: stable order, opaque page tokens, a total.

A page token holds the sort key of the last row handed out; the next page starts after it.
Unlike an offset, rows inserted meanwhile neither repeat nor vanish from the pages that follow.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, TypeDecorator, func, select, tuple_
from sqlalchemy.orm import Session

from crm_platform.errors import InvalidArgument

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
# Far more than any key we encode (a time, an id, a number), far less than a denial of service.
MAX_TOKEN_LENGTH = 1000
INT64_LIMIT = 2**63  # what every database's BIGINT holds


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


def decode_token(token: str, width: int, kinds: Sequence[type | None] = ()) -> list[Any]:
    """The key a token holds, `width` values; each of the Python type in `kinds` where one is
    given (the order columns'). A token is client input: anything but a key of the right shape,
    which a database can compare (no huge integer, list, NUL...), is a field error here
    rather than a driver's error deeper down."""
    values = None
    if len(token) <= MAX_TOKEN_LENGTH:
        with contextlib.suppress(binascii.Error, ValueError, RecursionError):
            values = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    if not isinstance(values, list) or len(values) != width:
        raise _not_ours()
    expected = list(kinds) + [None] * (width - len(kinds))
    return [_key_value(value, kind) for value, kind in zip(values, expected, strict=True)]


def _key_value(value: Any, kind: type | None) -> Any:
    if isinstance(value, dict) and set(value) == {"t"} and isinstance(value["t"], str):
        try:
            value = datetime.fromisoformat(value["t"])
        except ValueError:
            raise _not_ours() from None
        if value.tzinfo is None:  # we write UTC times; a UTC column refuses a naive one
            raise _not_ours()
    elif isinstance(value, bool) or not isinstance(value, int | str):
        raise _not_ours()  # floats, lists, objects, null, true: no key of ours is one
    elif (isinstance(value, int) and not -INT64_LIMIT <= value < INT64_LIMIT) or (
        isinstance(value, str) and not _storable(value)
    ):
        raise _not_ours()
    if kind is not None and not isinstance(value, kind):
        raise _not_ours()
    return value


def _storable(text: str) -> bool:
    if len(text) > MAX_TOKEN_LENGTH or "\x00" in text:
        return False
    try:
        text.encode()
    except UnicodeEncodeError:  # a lone surrogate
        return False
    return True


def _not_ours() -> InvalidArgument:
    return InvalidArgument.field("page_token", "is not a token this API handed out")


def _python_type(column: ColumnElement[Any]) -> type | None:
    """The type a column's values come out as (a TypeDecorator's says `object`: its impl's)."""
    sql_type = column.type
    if isinstance(sql_type, TypeDecorator):
        sql_type = sql_type.impl_instance
    try:
        kind = sql_type.python_type
    except NotImplementedError:
        return None
    return None if kind is object else kind


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
        kinds = [_python_type(c) for c in order_by]
        after = tuple_(*decode_token(token, len(order_by), kinds))
        page_query = page_query.where(key < after if descending else key > after)
    rows = list(session.execute(page_query.limit(size + 1)).scalars())
    has_more = len(rows) > size
    rows = rows[:size]
    next_token = None
    if has_more and rows:
        last = rows[-1]
        next_token = encode_token([getattr(last, c.key) for c in order_by])
    return Page(rows, next_token, total or 0)
