"""What the service desk's models share: its vocabulary, and "not set" read as null."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

Priority = Literal["low", "normal", "high", "urgent"]
Id = Annotated[str, Field(max_length=64)]


class DeskOut(BaseModel):
    """gRPC sends "not set" as an empty string or a zero; JSON says null for the fields whose
    default is None."""

    @field_validator("*", mode="before")
    @classmethod
    def _unset_is_null(cls, value: Any, info: ValidationInfo) -> Any:
        nullable = cls.model_fields[info.field_name].default is None
        return None if nullable and value in ("", 0) and value is not False else value


class PageQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    page_size: int = Field(50, ge=1, le=200)
    page_token: str | None = Field(None, max_length=500)
