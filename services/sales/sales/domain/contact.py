"""A contact: a person at a customer, reached by the sales rep who owns them."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from crm_platform.validation import Violations
from sales.domain import fields as f
from sales.domain.dictionary import Dictionary
from sales.domain.text import search_key

SPECS: dict[str, f.Check] = {
    "customer_id": f.text(f.ID_MAX, required=True),
    "full_name": f.text(200, required=True),
    "appellation": f.coded("appellations"),
    "email": f.email(),
    "mobile": f.phone(),
    "job_title": f.text(200),
    "source": f.coded("lead_sources"),
    "owner_id": f.text(f.ID_MAX, required=True),
    "address": f.text(1000),
    "description": f.text(10_000),
}
REQUIRED = ("customer_id", "full_name", "owner_id")


@dataclass(kw_only=True)
class Contact:
    id: str
    customer_id: str
    full_name: str
    appellation: str = ""
    email: str = ""
    mobile: str = ""
    job_title: str = ""
    source: str = ""
    owner_id: str
    address: str = ""
    description: str = ""
    campaign_ids: tuple[str, ...] = ()
    lead_id: str | None = None
    created_at: datetime
    updated_at: datetime
    version: int = 1  # +1 per change (versions.py)

    def search_key(self) -> str:
        return search_key(self.full_name, self.email, self.mobile)


def new_contact(values: Mapping[str, Any], dictionary: Dictionary, *, now: datetime) -> Contact:
    v = Violations()
    parsed = f.parse(SPECS, values, dictionary, v)
    for field in REQUIRED:
        if field not in values:
            SPECS[field](v, field, "", dictionary)
    v.raise_if_any("contact")
    return Contact(id=str(uuid.uuid4()), created_at=now, updated_at=now, **parsed)


def change_contact(
    contact: Contact, values: Mapping[str, Any], dictionary: Dictionary, *, now: datetime
) -> Contact:
    v = Violations()
    parsed = f.parse(SPECS, values, dictionary, v)
    v.raise_if_any("contact")
    return replace(contact, updated_at=now, **parsed)
