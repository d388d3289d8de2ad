"""Bulk jobs as the REST API takes and shows them."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, Field

from gateway.models.common import JsonBody

FilterValue = Annotated[str, Field(max_length=200)] | int | float | bool
BulkKind = Literal["leads", "customers", "contacts", "deals", "campaigns", "tickets", "follow_ups"]


class BulkJobIn(JsonBody):
    kind: BulkKind
    action: str = Field(
        max_length=20,
        description="reassign (value: owner id), state (value: a state), stage (deals), "
        "campaign (leads; value: a campaign id), delete, cancel (follow-ups); "
        "which a kind takes: domain/bulk_job.py ACTIONS",
    )
    value: str = Field("", max_length=200)
    ids: list[Annotated[str, Field(min_length=1, max_length=64)]] | None = Field(
        None, max_length=10_000, description="The records; or `filter` for all matching"
    )
    filter: dict[Annotated[str, Field(max_length=40)], FilterValue] | None = Field(
        None,
        max_length=30,
        description="The kind's list filters (as its list route's query): every record matching",
    )


class RefusalOut(BaseModel):
    id: str
    reason: str


class BulkJobOut(BaseModel):
    id: str
    kind: str
    action: str
    value: str
    state: Literal["running", "finished", "failed"]
    total: int = Field(description="Records to change (0 until a filter's are gathered)")
    done: int = Field(description="Records changed or refused so far")
    changed: int
    refused: int
    refusals: list[RefusalOut] = Field(description="Why each refused record was (first 500)")
    error: str = Field(description="Why a failed job stopped")
    created_at: AwareDatetime
    finished_at: AwareDatetime | None = None
