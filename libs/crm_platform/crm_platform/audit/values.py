"""What an audit entry says of a record: its fields as JSON values, secrets left out, and for an
update only the fields that changed."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

# Never written to the log: credentials and what grants access (a survey's token, and its
# public_url, which ends in it), and derived columns repeating other fields (the search text).
_SECRET_PARTS = ("password", "secret", "token", "api_key", "credential")
_LEFT_OUT = frozenset({"search", "public_url"})

Values = dict[str, Any]


def is_logged(name: str) -> bool:
    lowered = name.lower()
    return lowered not in _LEFT_OUT and not any(part in lowered for part in _SECRET_PARTS)


def json_value(value: Any) -> Any:
    """`value` as JSON can hold it, stably: equal values give equal JSON."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return json_value(value.value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: json_value(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((json_value(v) for v in value), key=repr)
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    return str(value)


def loggable(record: Any) -> Values | None:
    """A record (a dataclass or a mapping of column values) as the JSON object to log."""
    if record is None:
        return None
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        items = {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
    elif isinstance(record, Mapping):
        items = dict(record)
    else:
        raise TypeError(f"cannot log a {type(record).__name__}: give a dataclass or a mapping")
    return {name: json_value(value) for name, value in items.items() if is_logged(name)}


def changed(old: Values, new: Values) -> tuple[Values, Values]:
    """The fields that differ, before and after; a field present on one side only counts."""
    names = [name for name in {**old, **new} if old.get(name) != new.get(name)]
    return (
        {name: old[name] for name in names if name in old},
        {name: new[name] for name in names if name in new},
    )
