"""A deal: a sale in progress, with an amount in a currency and a stage that sets its odds."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from crm_platform.errors import FailedPrecondition
from crm_platform.validation import Violations
from sales.domain import fields as f
from sales.domain.dictionary import Dictionary
from sales.domain.stages import open_stage
from sales.domain.text import search_key

DEFAULT_CURRENCY = "USD"
_CURRENCY = re.compile(r"[A-Z]{3}")
# What the sale is worth and when it lands are history once it closed: reports count them.
FROZEN_WHEN_CLOSED = ("amount", "currency", "expected_close_date")


def _amount(v: Violations, field: str, value: Any, _d: Dictionary) -> Decimal:
    return v.money(field, value or "") or Decimal("0.00")


def _currency(v: Violations, field: str, value: Any, _d: Dictionary) -> str:
    value = (value or "").strip()
    if not _CURRENCY.fullmatch(value):
        v.add(field, "must be an ISO 4217 code of 3 capital letters, such as EUR")
    return value


def _date(v: Violations, field: str, value: Any, _d: Dictionary) -> date | None:
    return v.date(field, value or "")


SPECS: dict[str, f.Check] = {
    "name": f.text(200, required=True),
    "customer_id": f.text(f.ID_MAX, required=True),
    "contact_id": f.identifier(),
    "amount": _amount,
    "currency": _currency,
    "expected_close_date": _date,
    "type": f.coded("deal_types"),
    "source": f.coded("lead_sources"),
    "campaign_id": f.identifier(),
    "owner_id": f.text(f.ID_MAX, required=True),
    "description": f.text(10_000),
    "next_contact_at": f.moment(),
}
REQUIRED = ("name", "customer_id", "owner_id")


@dataclass(kw_only=True)
class Deal:
    id: str
    name: str
    customer_id: str
    contact_id: str | None = None
    amount: Decimal = Decimal("0.00")
    currency: str = DEFAULT_CURRENCY
    expected_close_date: date | None = None
    stage: str
    probability: int  # read-only: always the stage's
    type: str = ""
    source: str = ""
    campaign_id: str | None = None
    owner_id: str
    description: str = ""
    next_contact_at: datetime | None = None
    lead_id: str | None = None
    closed_at: datetime | None = None
    created_at: datetime
    updated_at: datetime
    version: int = 1  # +1 per change (versions.py)

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    def search_key(self) -> str:
        return search_key(self.name)


def new_deal(
    values: Mapping[str, Any], dictionary: Dictionary, *, now: datetime, field_prefix: str = ""
) -> Deal:
    """A deal at an open stage (qualification unless `values` names another)."""
    values = dict(values)
    stage_code = values.pop("stage", "") or dictionary.deal_stages[0].code
    v = Violations()
    if values.get("amount") and "currency" not in values:
        v.add("currency", "is required with an amount")
    parsed = f.parse(SPECS, {"currency": DEFAULT_CURRENCY, **values}, dictionary, v)
    for field in REQUIRED:
        if field not in values:
            SPECS[field](v, field, "", dictionary)
    stage = open_stage(dictionary, stage_code, v)
    if field_prefix:
        v.items = [replace(item, field=field_prefix + item.field) for item in v.items]
    v.raise_if_any("deal")
    return Deal(
        id=str(uuid.uuid4()),
        stage=stage_code,
        probability=stage.probability if stage else 0,
        created_at=now,
        updated_at=now,
        **parsed,
    )


def change_deal(
    deal: Deal, values: Mapping[str, Any], dictionary: Dictionary, *, now: datetime
) -> Deal:
    """Every field but the stage, which only moves (see stages.move_deal)."""
    frozen = [name for name in FROZEN_WHEN_CLOSED if name in values]
    if deal.closed and frozen:
        raise FailedPrecondition(f"deal {deal.id} is closed: {', '.join(frozen)} cannot change")
    v = Violations()
    parsed = f.parse(SPECS, values, dictionary, v)
    v.raise_if_any("deal")
    return replace(deal, updated_at=now, **parsed)
