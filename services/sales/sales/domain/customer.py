"""A customer: the company (or person) that buys, found again by its normalised name."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from crm_platform.validation import Violations
from sales.domain import fields as f
from sales.domain.dictionary import Dictionary
from sales.domain.text import company_key, search_key


def _tags(v: Violations, field: str, value: Any, _d: Dictionary) -> tuple[str, ...]:
    tags = tuple(dict.fromkeys(t.strip() for t in value or () if t.strip()))
    if len(tags) > 50 or any(len(t) > 50 for t in tags):
        v.add(field, "at most 50 tags of at most 50 characters each")
    return tags


SPECS: dict[str, f.Check] = {
    "name": f.text(200, required=True),
    "website": f.text(300),
    "phone": f.phone(),
    "address": f.text(1000),
    "industry": f.text(100),
    "owner_id": f.text(f.ID_MAX, required=True),
    "tags": _tags,
    "description": f.text(10_000),
    "next_contact_at": f.moment(),
}


@dataclass(kw_only=True)
class Customer:
    id: str
    name: str
    website: str = ""
    phone: str = ""
    address: str = ""
    industry: str = ""
    owner_id: str
    tags: tuple[str, ...] = ()
    description: str = ""
    next_contact_at: datetime | None = None
    created_at: datetime
    updated_at: datetime
    version: int = 1  # +1 per change (versions.py)

    def name_key(self) -> str:
        return company_key(self.name)

    def search_key(self) -> str:
        return search_key(self.name, self.website, self.phone)


def new_customer(values: Mapping[str, Any], dictionary: Dictionary, *, now: datetime) -> Customer:
    v = Violations()
    parsed = f.parse(SPECS, values, dictionary, v)
    for field in ("name", "owner_id"):
        if field not in values:
            SPECS[field](v, field, "", dictionary)
    v.raise_if_any("customer")
    return Customer(id=str(uuid.uuid4()), created_at=now, updated_at=now, **parsed)


def change_customer(
    customer: Customer, values: Mapping[str, Any], dictionary: Dictionary, *, now: datetime
) -> Customer:
    v = Violations()
    parsed = f.parse(SPECS, values, dictionary, v)
    v.raise_if_any("customer")
    return replace(customer, updated_at=now, **parsed)
