"""Deals, their moves and history, as the REST API shows and takes them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import AwareDatetime, BaseModel, Field, model_validator

from gateway.models.common import Day, JsonBody, Moment, Page, Version, sort_of
from gateway.models.sales_common import Amount, Currency, Id, Name, SalesListQuery, SalesOut, Text

Code = Annotated[str, Field(max_length=40)]


def _flatten_money(data: Any) -> Any:
    """gRPC's Money {amount, currency} becomes the API's `amount` beside `currency`."""
    if isinstance(data, dict) and isinstance(data.get("amount"), dict):
        money = data["amount"]
        data = {**data, "amount": money.get("amount", ""), "currency": money.get("currency", "")}
    return data


class DealOut(SalesOut):
    id: str
    name: str
    customer_id: str
    contact_id: str | None = None
    amount: str = Field(description="Decimal string, such as 12500.00")
    currency: str
    expected_close_date: dt.date | None = None
    stage: str
    probability: int = Field(description="Read-only: follows the stage")
    type: str
    source: str
    campaign_id: str | None = None
    owner_id: str
    description: str
    next_contact_at: AwareDatetime | None = None
    lead_id: str | None = None
    closed_at: AwareDatetime | None = None
    created_at: AwareDatetime
    updated_at: AwareDatetime
    version: int = Field(0, description="1 when created, +1 per change (the ETag)")

    _money = model_validator(mode="before")(_flatten_money)


class DealDraft(JsonBody):
    """A deal made by converting a lead: its customer and contact come from the conversion."""

    name: Name
    amount: Amount | None = None
    currency: Currency | None = None
    expected_close_date: Day | None = None
    stage: Code | None = Field(None, description="An open stage; default qualification")
    campaign_id: Id | None = None


class DealCreate(DealDraft):
    customer_id: Id
    contact_id: Id | None = None
    type: Code | None = None
    source: Code | None = None
    owner_id: Id | None = None
    description: Text | None = None
    next_contact_at: Moment | None = None


class DealPatch(DealCreate):
    """Only the fields sent change; a new `stage` is recorded as a move."""

    name: Name = None
    customer_id: Id = None
    version: Version | None = None


class DealList(Page[DealOut]):
    pass


class DealListQuery(SalesListQuery):
    stage: str | None = Field(None, max_length=40)
    customer_id: str | None = Field(None, max_length=64)
    source: str | None = Field(None, max_length=40)
    campaign_id: str | None = Field(None, max_length=64)
    amount_min: Amount | None = Field(None, description="At least this amount (any currency)")
    amount_max: Amount | None = Field(None, description="At most this amount (any currency)")
    expected_close_from: Day | None = Field(None, description="Expected to close on or after")
    expected_close_to: Day | None = Field(None, description="Expected to close on or before")
    sort: sort_of("created_at", "updated_at", "name", "amount", "expected_close") | None = None


class MoveDeal(JsonBody):
    stage: Code


class DealHistoryEntryOut(SalesOut):
    stage: str
    amount: str
    currency: str
    expected_close_date: dt.date | None = None
    changed_by: str
    changed_at: AwareDatetime

    _money = model_validator(mode="before")(_flatten_money)


class DealHistoryOut(BaseModel):
    items: list[DealHistoryEntryOut]
