"""Contacts as the REST API shows and takes them."""

from __future__ import annotations

from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from gateway.models.sales_common import Id, SalesListQuery, SalesOut, Text

Name = Annotated[str, Field(min_length=1, max_length=200)]
Short = Annotated[str, Field(max_length=320)]


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


class ContactCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

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


class ContactList(BaseModel):
    items: list[ContactOut]
    next_page_token: str | None
    total: int


class ContactListQuery(SalesListQuery):
    customer_id: str | None = Field(None, max_length=64)
