"""Campaigns, their notes and their import report as the REST API shows and takes them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator
from spectree.model_adapter.pydantic_adapter import BaseFile

from gateway.models.common import (
    CreatedRange,
    Day,
    FieldError,
    JsonBody,
    ListQuery,
    Page,
    Version,
    sort_of,
)

Amount = Annotated[
    str, Field(max_length=32, description='A decimal string such as "12500.00", never negative')
]
Currency = Annotated[str, Field(max_length=3, description="ISO 4217, such as EUR")]
TYPE_HELP = "conference, trade_show, webinar, email, advertisement, partner or other"
STATUS_HELP = "planned, active, completed or aborted"


def _from_marketing(data: Any) -> Any:
    """Marketing sends money as {amount, currency} (absent when unset) and an unset date as
    "": the API shows the amount alone (in the campaign's `currency`), and null."""
    if not isinstance(data, dict):
        return data
    data = dict(data)
    for name in ("budget", "actual_cost"):
        money = data.get(name)
        if money is None or isinstance(money, dict):
            data[name] = (money or {}).get("amount")
    for name in ("start_date", "end_date"):
        data[name] = data.get(name) or None
    return data


class CampaignOut(BaseModel):
    id: str
    name: str
    type: str = Field(description=TYPE_HELP)
    status: str = Field(description=STATUS_HELP)
    owner_id: str
    start_date: dt.date | None
    end_date: dt.date | None
    budget: str | None = Field(description="Decimal string in `currency`")
    actual_cost: str | None = Field(description="Decimal string in `currency`")
    currency: str
    description: str
    leads: int = Field(description="Leads linked to the campaign, counted from sales' events")
    converted: int = Field(description="Of those leads, how many were converted")
    created_at: AwareDatetime
    updated_at: AwareDatetime
    version: int = Field(0, description="1 when created, +1 per change (the ETag)")

    _from_service = model_validator(mode="before")(_from_marketing)


class CampaignCreate(JsonBody):
    name: Annotated[str, Field(max_length=200)]
    type: Annotated[str, Field(max_length=40, description=TYPE_HELP)]
    status: Annotated[str, Field(max_length=20, description=STATUS_HELP)] = "planned"
    owner_id: Annotated[str, Field(max_length=64, description="Default: you")] | None = None
    start_date: Day | None = None
    end_date: Day | None = None
    budget: Amount | None = None
    actual_cost: Amount | None = None
    currency: Currency | None = Field(None, description="Required with a budget or a cost")
    description: Annotated[str, Field(max_length=10_000)] = ""


class CampaignPatch(JsonBody):
    """Only the fields sent change; `null` clears an optional one (dates, money)."""

    name: Annotated[str, Field(max_length=200)] | None = None
    type: Annotated[str, Field(max_length=40)] | None = None
    status: Annotated[str, Field(max_length=20)] | None = None
    owner_id: Annotated[str, Field(max_length=64)] | None = None
    start_date: Day | None = None
    end_date: Day | None = None
    budget: Amount | None = None
    actual_cost: Amount | None = None
    currency: Currency | None = None
    description: Annotated[str, Field(max_length=10_000)] | None = None
    version: Version | None = None


class CampaignFilters(CreatedRange):
    model_config = ConfigDict(extra="forbid")

    q: str | None = Field(None, max_length=200, description="Part of the name, any case")
    owner_id: str | None = Field(None, max_length=64)
    status: str | None = Field(None, max_length=20, description=STATUS_HELP)
    start_after: Day | None = Field(None, description="Starting on or after")
    start_before: Day | None = Field(None, description="Starting on or before")


class CampaignListQuery(ListQuery, CampaignFilters):
    sort: sort_of("created_at", "updated_at", "name", "start_date") | None = None


class CampaignExportQuery(CampaignFilters):
    ids: list[str] = Field(
        default_factory=list,
        max_length=1000,
        description="Repeat `ids=` or separate with commas; when given, the filters are unused",
    )


class CampaignList(Page[CampaignOut]):
    pass


class BatchDelete(JsonBody):
    ids: list[Annotated[str, Field(max_length=64)]] = Field(min_length=1, max_length=1000)


class BatchDeleted(BaseModel):
    deleted: int = Field(description="How many existed and were deleted")


class CampaignNoteIn(JsonBody):
    body: Annotated[str, Field(min_length=1, max_length=10_000)]


class CampaignNoteOut(BaseModel):
    id: str
    campaign_id: str
    body: str
    author_id: str
    created_at: AwareDatetime
    updated_at: AwareDatetime
    edited: bool


class CampaignNoteList(Page[CampaignNoteOut]):
    pass


class CampaignImportForm(BaseModel):
    file: BaseFile = Field(description=".csv (UTF-8) or .xlsx; the first row names the columns")


class ImportRejectedRow(BaseModel):
    row: int = Field(description="The spreadsheet's row number; the header is row 1")
    errors: list[FieldError]


class CampaignImportReport(BaseModel):
    created: int
    rejected: list[ImportRejectedRow] = Field(description="The first 1000 rejected rows")
    rejected_count: int = Field(description="Every rejected row")
