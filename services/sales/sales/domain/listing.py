"""What a list request asks for, checked before any query runs: filters, a created-day range,
the deals' amount and expected-close ranges, and the order (issue 16: lists a team works in).

Every bad parameter is reported at once, by name, rather than as an empty list that would
look like "nothing matches".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from crm_platform.errors import InvalidArgument
from crm_platform.sorting import Order, day_range, parse_sort
from crm_platform.validation import Violations

DEFAULT_SORT = "-created_at"  # newest first, as the lists always were
NEWEST_FIRST = Order("created_at", descending=True)
SORTS = {
    "lead": ("created_at", "updated_at", "full_name", "company"),
    "customer": ("created_at", "updated_at", "name"),
    "contact": ("created_at", "updated_at", "full_name"),
    "deal": ("created_at", "updated_at", "name", "amount", "expected_close"),
}
# The filters each kind's list takes as "this column equals this value".
EQUALS = {
    "lead": ("owner_id", "state", "source", "campaign_id"),
    "customer": ("owner_id",),
    "contact": ("owner_id", "customer_id", "source"),
    "deal": ("owner_id", "customer_id", "stage", "source", "campaign_id"),
}
MAX_VALUE = 200  # no id, code or search this long


@dataclass(frozen=True)
class Listing:
    q: str = ""
    equal: Mapping[str, str] = field(default_factory=dict)  # only the filters given
    created: tuple[datetime | None, datetime | None] = (None, None)  # [from, to)
    amount: tuple[Decimal | None, Decimal | None] = (None, None)  # both included
    closing: tuple[date | None, date | None] = (None, None)  # both included
    order: Order = NEWEST_FIRST


def listing(kind: str, raw: Mapping[str, Any]) -> Listing:
    """The list request of `kind` from its raw parameters (a request's fields by name; the
    ones a kind does not take are ignored)."""
    v = Violations()
    text = {name: str(raw.get(name) or "").strip() for name in ("q", *EQUALS[kind])}
    for name, value in text.items():
        if len(value) > MAX_VALUE:
            v.add(name, f"must be at most {MAX_VALUE} characters")
    try:
        order = parse_sort(str(raw.get("sort") or ""), SORTS[kind], DEFAULT_SORT)
    except InvalidArgument as refused:
        v.items += refused.violations
        order = NEWEST_FIRST
    created = day_range(
        v, ("created_from", "created_to"), *_pair(raw, "created_from", "created_to")
    )
    amount: tuple[Decimal | None, Decimal | None] = (None, None)
    closing: tuple[date | None, date | None] = (None, None)
    if kind == "deal":
        low, high = _pair(raw, "amount_min", "amount_max")
        amount = (v.money("amount_min", low), v.money("amount_max", high))
        if amount[0] is not None and amount[1] is not None and amount[1] < amount[0]:
            v.add("amount_max", "must not be less than amount_min")
        first, last = _pair(raw, "expected_close_from", "expected_close_to")
        closing = (v.date("expected_close_from", first), v.date("expected_close_to", last))
        if closing[0] and closing[1] and closing[1] < closing[0]:
            v.add("expected_close_to", "must not be before expected_close_from")
    v.raise_if_any("list request")
    equal = {name: text[name] for name in EQUALS[kind] if text[name]}
    return Listing(text["q"], equal, created, amount, closing, order)


def _pair(raw: Mapping[str, Any], first: str, second: str) -> tuple[str, str]:
    return str(raw.get(first) or ""), str(raw.get(second) or "")
