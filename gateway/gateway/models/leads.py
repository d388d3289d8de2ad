"""Leads as the REST API shows and takes them."""

from __future__ import annotations

from pydantic import AwareDatetime, Field

from gateway.models.common import JsonBody, Moment, Page, Version, sort_of
from gateway.models.deals import DealDraft
from gateway.models.sales_common import Id, Name, SalesListQuery, SalesOut, Short, Text


class LeadOut(SalesOut):
    id: str
    full_name: str
    appellation: str
    company: str
    job_title: str
    email: str
    phone: str
    mobile: str
    website: str
    address: str
    source: str
    state: str = Field(description="A lead state of the dictionary, or `converted`")
    owner_id: str
    description: str
    next_contact_at: AwareDatetime | None = None
    campaign_ids: list[str]
    customer_id: str | None = None
    contact_id: str | None = None
    deal_id: str | None = None
    converted_at: AwareDatetime | None = None
    created_at: AwareDatetime
    updated_at: AwareDatetime
    version: int = Field(0, description="1 when created, +1 per change (the ETag)")


class LeadCreate(JsonBody):
    full_name: Name
    appellation: Short | None = None
    company: Short | None = None
    job_title: Short | None = None
    email: Short | None = None
    phone: Short | None = None
    mobile: Short | None = None
    website: Short | None = None
    address: Text | None = None
    source: Short | None = Field(None, description="A lead source of the dictionary")
    state: Short | None = Field(None, description="Default not_contacted")
    owner_id: Id | None = Field(None, description="Default: you; only managers name another")
    description: Text | None = None
    next_contact_at: Moment | None = None
    campaign_ids: list[Id] = Field(default_factory=list, max_length=100)


class LeadPatch(LeadCreate):
    """Only the fields sent change; null clears a field."""

    full_name: Name = None  # may be left out, not cleared
    campaign_ids: list[Id] | None = Field(None, max_length=100)
    version: Version | None = None


class LeadList(Page[LeadOut]):
    pass


class LeadListQuery(SalesListQuery):
    state: str | None = Field(None, max_length=40)
    source: str | None = Field(None, max_length=40)
    campaign_id: str | None = Field(None, max_length=64)
    sort: sort_of("created_at", "updated_at", "full_name", "company") | None = None


class CampaignLink(JsonBody):
    campaign_id: Id


class ConvertLead(JsonBody):
    create_deal: bool = False
    deal: DealDraft | None = None


class Converted(SalesOut):
    customer_id: str
    contact_id: str
    deal_id: str | None = None
