"""Shapes shared by every area: problems, list queries and pages."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticKnownError

Item = TypeVar("Item")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class JsonBody(BaseModel):
    """A request body: JSON's own types taken as they are, nothing coerced (`"5"` is no
    number, `1` is not true, `0` is no date), and no field the model does not name. Dates and
    times are the exception JSON forces: they come as text (`Day`, `Moment`)."""

    model_config = ConfigDict(extra="forbid", strict=True)


def _iso_day(value: Any) -> Any:
    if _is_number(value):
        raise PydanticKnownError("date_parsing", {"error": "a number is not a date"})
    if isinstance(value, str) and not _ISO_DAY.fullmatch(value.strip()):
        # Not the date and time at midnight pydantic would also take.
        raise PydanticKnownError("date_parsing", {"error": "it is not YYYY-MM-DD"})
    return value


def _iso_moment(value: Any) -> Any:
    if _is_number(value):
        raise PydanticKnownError("datetime_parsing", {"error": "a number is not a time"})
    return value  # pydantic parses the text, with its own errors (the web UI translates them)


def _is_number(value: Any) -> bool:
    """A JSON number, or text that is one: pydantic would read either as seconds since 1970."""
    if isinstance(value, int | float):
        return True
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


# Text (or, in code, a date or datetime) only, in a JsonBody as in a query string.
Day = Annotated[dt.date, Field(strict=False), BeforeValidator(_iso_day)]
Moment = Annotated[AwareDatetime, Field(strict=False), BeforeValidator(_iso_moment)]
# A report's window: read in UTC when it carries no offset (the web form's fields do not).
AnyMoment = Annotated[dt.datetime, Field(strict=False), BeforeValidator(_iso_moment)]


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


def sort_of(*columns: str) -> Any:
    """A list's `sort` parameter: one of `columns`, ascending, or "-" and one, descending."""
    values = tuple(value for column in columns for value in (column, f"-{column}"))
    return Annotated[
        Literal[values],  # type: ignore[valid-type]
        Field(
            description=f"{', '.join(columns)}: ascending, or descending after '-' "
            "(such as -created_at). The id breaks ties, so pages stay stable; a page token "
            "is only good for the sort it came with."
        ),
    ]


class CreatedRange(BaseModel):
    """A list's filter on the day each record was created, both days included (UTC)."""

    created_from: Day | None = Field(None, description="Created on this day (UTC) or later")
    created_to: Day | None = Field(None, description="Created on this day (UTC) or earlier")

    @field_validator("created_to")
    @classmethod
    def _not_before_the_start(cls, value: dt.date | None, info: ValidationInfo) -> Any:
        start = info.data.get("created_from")
        if value and start and value < start:
            raise ValueError("is before created_from")
        return value


# The version of a record its reader sends back with a change (optimistic concurrency).
Version = Annotated[
    int,
    Field(
        ge=1,
        le=2**63 - 1,  # the services' int64: a larger one is a 400 here, not an overflow there
        description="The version you read (the record's `version`, or its ETag): when the "
        "record has changed since, nothing is saved and the answer is 412 with it as it is now",
    ),
]


class StaleProblem(Problem):
    """412: the record changed since the version sent; nothing was saved."""

    current: dict[str, Any] = Field(description="The record as it is now, with its version")


class Page(BaseModel, Generic[Item]):
    """One page of a list. Each area subclasses it by name (`class DealList(Page[DealOut])`) so
    that the OpenAPI document names the schema as before."""

    items: list[Item]
    next_page_token: str | None
    total: int
