"""Shapes every sales area shares: field sizes, nullable output fields, list queries, money."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from gateway.models.common import CreatedRange

Text = Annotated[str, Field(max_length=10_000)]
Name = Annotated[str, Field(min_length=1, max_length=200)]
Short = Annotated[str, Field(max_length=320)]  # a one-line field: an email, a phone, a title
Id = Annotated[str, Field(min_length=1, max_length=64)]
Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 4217, such as EUR")]
Amount = Annotated[
    str,
    Field(
        pattern=r"^\d{1,12}(\.\d{1,2})?$",
        description="A decimal string with at most 2 places, such as 12500.00",
        examples=["12500.00"],
    ),
]


class SalesOut(BaseModel):
    """gRPC sends "not set" as an empty string; JSON says null for those fields."""

    @field_validator("*", mode="before")
    @classmethod
    def _empty_is_null(cls, value: Any, info: ValidationInfo) -> Any:
        nullable = cls.model_fields[info.field_name].default is None
        return None if nullable and value == "" else value


class SalesListQuery(CreatedRange):
    model_config = ConfigDict(extra="forbid")

    page_size: int = Field(50, ge=1, le=200)
    page_token: str | None = Field(None, max_length=500)
    q: str | None = Field(
        None, max_length=200, description="Case- and accent-insensitive text search"
    )
    owner_id: str | None = Field(None, max_length=64)
