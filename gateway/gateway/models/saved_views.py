"""Saved views as the REST API takes and shows them."""

from __future__ import annotations

from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from gateway.models.bulk_jobs import BulkKind
from gateway.models.common import JsonBody

Filters = dict[Annotated[str, Field(max_length=40)], Annotated[str, Field(max_length=200)]]


class SavedViewIn(JsonBody):
    kind: BulkKind
    name: str = Field(min_length=1, max_length=100)
    filters: Filters = Field(default_factory=dict, max_length=30)
    sort: str = Field("", max_length=40, description="As the list's `sort`: -created_at ...")
    columns: list[Annotated[str, Field(max_length=40)]] = Field(default_factory=list, max_length=30)


class SavedViewOut(BaseModel):
    id: str
    kind: str
    name: str
    filters: dict[str, str]
    sort: str
    columns: list[str]
    created_at: AwareDatetime


class SavedViewList(BaseModel):
    items: list[SavedViewOut]


class SavedViewQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: BulkKind
