"""A lead: a person (and maybe a company) who may buy, worked by one sales rep until converted."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from crm_platform.errors import AlreadyExists
from crm_platform.validation import Violations
from sales.domain import fields as f
from sales.domain.dictionary import Dictionary
from sales.domain.text import search_key

CONVERTED = "converted"  # shown apart from the dictionary's lead states
DEFAULT_STATE = "not_contacted"

SPECS: dict[str, f.Check] = {
    "full_name": f.text(200, required=True),
    "appellation": f.coded("appellations"),
    "company": f.text(200),
    "job_title": f.text(200),
    "email": f.email(),
    "phone": f.phone(),
    "mobile": f.phone(),
    "website": f.text(300),
    "address": f.text(1000),
    "source": f.coded("lead_sources"),
    "state": f.coded("lead_states", required=True),
    "owner_id": f.text(f.ID_MAX, required=True),
    "description": f.text(10_000),
    "next_contact_at": f.moment(),
    "campaign_ids": f.ids(),
}


@dataclass(kw_only=True)
class Lead:
    id: str
    full_name: str
    appellation: str = ""
    company: str = ""
    job_title: str = ""
    email: str = ""
    phone: str = ""
    mobile: str = ""
    website: str = ""
    address: str = ""
    source: str = ""
    state: str = DEFAULT_STATE
    owner_id: str
    description: str = ""
    next_contact_at: datetime | None = None
    campaign_ids: tuple[str, ...] = ()
    customer_id: str | None = None
    contact_id: str | None = None
    deal_id: str | None = None
    converted_at: datetime | None = None
    created_at: datetime
    updated_at: datetime
    version: int = 1  # +1 per change (versions.py)

    @property
    def converted(self) -> bool:
        return self.converted_at is not None

    def search_key(self) -> str:
        return search_key(self.full_name, self.company, self.email, self.phone, self.mobile)

    def ensure_editable(self) -> None:
        if self.converted:
            raise AlreadyExists(f"lead {self.id} was converted and is read-only")


def new_lead(values: Mapping[str, Any], dictionary: Dictionary, *, now: datetime) -> Lead:
    """A lead from the caller's `values` (owner_id already resolved); InvalidArgument otherwise."""
    v = Violations()
    parsed = f.parse(SPECS, {"state": DEFAULT_STATE, **values}, dictionary, v)
    for field in ("full_name", "owner_id"):
        if field not in values:
            SPECS[field](v, field, "", dictionary)
    v.raise_if_any("lead")
    return Lead(id=str(uuid.uuid4()), created_at=now, updated_at=now, **parsed)


def change_lead(
    lead: Lead, values: Mapping[str, Any], dictionary: Dictionary, *, now: datetime
) -> Lead:
    lead.ensure_editable()
    v = Violations()
    parsed = f.parse(SPECS, values, dictionary, v)
    v.raise_if_any("lead")
    return replace(lead, updated_at=now, **parsed)


def mark_converted(
    lead: Lead, *, customer_id: str, contact_id: str, deal_id: str | None, now: datetime
) -> Lead:
    lead.ensure_editable()
    return replace(
        lead,
        state=CONVERTED,
        customer_id=customer_id,
        contact_id=contact_id,
        deal_id=deal_id,
        converted_at=now,
        updated_at=now,
    )
