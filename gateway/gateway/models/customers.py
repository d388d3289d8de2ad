"""Customers as the REST API shows and takes them."""

from __future__ import annotations

from typing import Annotated

from pydantic import AwareDatetime, Field

from gateway.models.common import JsonBody, Moment, Page, Version, sort_of
from gateway.models.sales_common import Id, Name, SalesListQuery, SalesOut, Text

Short = Annotated[str, Field(max_length=300)]


class CustomerOut(SalesOut):
    id: str
    name: str
    website: str
    phone: str
    address: str
    industry: str
    owner_id: str
    tags: list[str]
    description: str
    next_contact_at: AwareDatetime | None = None
    created_at: AwareDatetime
    updated_at: AwareDatetime
    version: int = Field(0, description="1 when created, +1 per change (the ETag)")


class CustomerCreate(JsonBody):
    name: Name
    website: Short | None = None
    phone: Short | None = None
    address: Text | None = None
    industry: Short | None = None
    owner_id: Id | None = None
    tags: list[Annotated[str, Field(max_length=50)]] = Field(default_factory=list, max_length=50)
    description: Text | None = None
    next_contact_at: Moment | None = None


class CustomerPatch(CustomerCreate):
    """Only the fields sent change; null clears a field."""

    name: Name = None
    tags: list[Annotated[str, Field(max_length=50)]] | None = Field(None, max_length=50)
    version: Version | None = None


class CustomerList(Page[CustomerOut]):
    pass


class CustomerListQuery(SalesListQuery):
    sort: sort_of("created_at", "updated_at", "name") | None = None
