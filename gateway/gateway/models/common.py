"""Shapes shared by every area: problems, list queries and pages."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

Item = TypeVar("Item")


class FieldError(BaseModel):
    field: str
    message: str


class Problem(BaseModel):
    """An RFC 9457 problem detail, served as application/problem+json."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str = ""
    errors: list[FieldError] = Field(default_factory=list)


class ListQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    page_size: int = Field(50, ge=1, le=200)
    page_token: str | None = Field(None, max_length=200)
    q: str | None = Field(None, max_length=200, description="Case-insensitive text search")


class Page(BaseModel, Generic[Item]):
    """One page of a list. Each area subclasses it by name (`class DealList(Page[DealOut])`) so
    that the OpenAPI document names the schema as before."""

    items: list[Item]
    next_page_token: str | None
    total: int
