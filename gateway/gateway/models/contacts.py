"""Contacts as the REST API shows and takes them."""

from __future__ import annotations

from pydantic import AwareDatetime, Field

from gateway.models.common import JsonBody, Page, Version, sort_of
from gateway.models.sales_common import Id, Name, SalesListQuery, SalesOut, Short, Text


class ContactOut(SalesOut):
    id: str
    customer_id: str
    full_name: str
    appellation: str
    email: str
    mobile: str
    job_title: str
    source: str
    owner_id: str
    address: str
    description: str
    campaign_ids: list[str]
    lead_id: str | None = None
    created_at: AwareDatetime
    updated_at: AwareDatetime
    version: int = Field(0, description="1 when created, +1 per change (the ETag)")


class ContactCreate(JsonBody):
    customer_id: Id
    full_name: Name
    appellation: Short | None = None
    email: Short | None = None
    mobile: Short | None = None
    job_title: Short | None = None
    source: Short | None = None
    owner_id: Id | None = None
    address: Text | None = None
    description: Text | None = None


class ContactPatch(ContactCreate):
    """Only the fields sent change; null clears a field."""

    customer_id: Id = None
    full_name: Name = None
    version: Version | None = None


class ContactList(Page[ContactOut]):
    pass


class ContactListQuery(SalesListQuery):
    customer_id: str | None = Field(None, max_length=64)
    source: str | None = Field(None, max_length=40)
    sort: sort_of("created_at", "updated_at", "full_name") | None = None
