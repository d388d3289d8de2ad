"""Lists in the order the caller asks for (`sort=-amount`), paged by keyset on (sort key, id),
and the created-day range they filter by.

paging.py pages by a fixed order of plain columns; a list a team works in is sorted by the
column its user clicked, which may hold NULLs (no expected close date) or values a token cannot
carry as they are (a Decimal, a date). Each SortKey says how its value travels in the page
token; the id breaks ties, so rows with equal keys neither repeat nor vanish across pages.
The token names its sort: one handed out for another order is refused, not misread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import ColumnElement, Date, Select, func, literal, literal_column, select, tuple_
from sqlalchemy.orm import Session

from crm_platform.errors import InvalidArgument
from crm_platform.paging import Page, decode_token, encode_token, page_size
from crm_platform.validation import Violations

# No expected close date sorts after every date (ascending): SQL's NULL compares with nothing.
NO_DAY = "9999-12-31"


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class SortKey:
    name: str  # as the caller writes it: "amount" (or "-amount", descending)
    column: ColumnElement[Any]
    token_type: type = str  # the JSON-able type the key travels as in a page token
    to_token: Callable[[Any], Any] = _same
    from_token: Callable[[Any], Any] = _same


def moment_key(name: str, column: ColumnElement[Any]) -> SortKey:
    return SortKey(name, column, datetime)


def text_key(name: str, column: ColumnElement[Any]) -> SortKey:
    return SortKey(name, column)


def decimal_key(name: str, column: ColumnElement[Any]) -> SortKey:
    return SortKey(name, column, str, str, _decimal)


def day_key(name: str, column: ColumnElement[Any]) -> SortKey:
    """A date column that may be empty: empty sorts last ascending, first descending. An
    index on the same COALESCE expression serves it."""
    missing = literal_column(f"'{NO_DAY}'", Date)
    return SortKey(name, func.coalesce(column, missing), str, _iso_day, _day)


@dataclass(frozen=True)
class Order:
    key: str
    descending: bool

    @property
    def name(self) -> str:
        return f"-{self.key}" if self.descending else self.key


def parse_sort(text: str, allowed: Iterable[str], default: str) -> Order:
    """`text` as an order ("-created_at": newest first); empty is `default`. Anything else
    than one of `allowed`, with or without "-", is a field error on `sort`."""
    text = text.strip() or default
    key, descending = (text[1:], True) if text.startswith("-") else (text, False)
    choices = tuple(allowed)
    if key not in choices:
        raise InvalidArgument.field(
            "sort", f"must be one of {', '.join(choices)}, or one of them after '-'"
        )
    return Order(key, descending)


def sorted_page(
    session: Session,
    query: Select,
    key: SortKey,
    id_column: ColumnElement[Any],
    *,
    descending: bool,
    requested_size: int,
    token: str,
) -> Page:
    """One page of `query`'s entities by `key`, then id, both ascending or both descending.

    `total` counts every row matching the query's filters, not only those after the token."""
    size = page_size(requested_size)
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    name = f"-{key.name}" if descending else key.name
    order = (key.column, id_column)
    page_query = query.add_columns(key.column.label("sort_key")).order_by(
        *(c.desc() if descending else c.asc() for c in order)
    )
    if token:
        given, value, last_id = decode_token(token, 3, (str, key.token_type, str))
        if given != name:
            raise InvalidArgument.field("page_token", f"belongs to another sort than {name}")
        try:
            after = tuple_(literal(key.from_token(value), key.column.type), literal(last_id))
        except ValueError:
            raise InvalidArgument.field(
                "page_token", "is not a token this API handed out"
            ) from None
        page_query = page_query.where(
            tuple_(*order) < after if descending else tuple_(*order) > after
        )
    rows = session.execute(page_query.limit(size + 1)).all()
    next_token = None
    if len(rows) > size:
        rows = rows[:size]
        last, last_key = rows[-1]
        next_token = encode_token([name, key.to_token(last_key), getattr(last, id_column.key)])
    return Page([row[0] for row in rows], next_token, total or 0)


def day_range(
    v: Violations, names: tuple[str, str], first: str, last: str
) -> tuple[datetime | None, datetime | None]:
    """Two ISO dates, both included (UTC days), as the instants [start of first, start of the
    day after last); an empty one is open, and a last before the first a field error."""
    start, end = v.date(names[0], first), v.date(names[1], last)
    if start and end and end < start:
        v.add(names[1], f"must not be before {names[0]}")
    return (
        datetime.combine(start, time(), UTC) if start else None,
        datetime.combine(end + timedelta(days=1), time(), UTC) if end and end < date.max else None,
    )


def within(
    query: Select, column: ColumnElement[Any], bounds: tuple[datetime | None, datetime | None]
) -> Select:
    """`query` narrowed to `column` in [start, end) (day_range's instants); an unset bound is
    open."""
    start, end = bounds
    if start is not None:
        query = query.where(column >= start)
    if end is not None:
        query = query.where(column < end)
    return query


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None


def _iso_day(value: date | str) -> str:
    return value if isinstance(value, str) else value.isoformat()


def _day(text: str) -> date:
    return date.fromisoformat(text)
