"""Notes on leads, customers, contacts and deals."""

from __future__ import annotations

from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from gateway.models.common import JsonBody, Page
from gateway.models.sales_common import SalesOut

Body = Annotated[str, Field(min_length=1, max_length=10_000)]


class NoteOut(SalesOut):
    id: str
    body: str
    author_id: str
    edited: bool
    created_at: AwareDatetime
    updated_at: AwareDatetime


class NoteIn(JsonBody):
    body: Body


class NoteList(Page[NoteOut]):
    pass


class NoteListQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    page_size: int = Field(50, ge=1, le=200)
    page_token: str | None = Field(None, max_length=500)
