"""Satisfaction surveys as staff see them, and the customer's answer."""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, Field

from gateway.models.common import JsonBody, Page
from gateway.models.desk_common import DeskOut, PageQuery


class SurveyOut(DeskOut):
    id: str
    ticket_id: str | None = None
    follow_up_id: str | None = None
    customer_id: str
    contact_id: str | None = None
    state: Literal["open", "answered", "expired"]
    token: str
    public_url: str
    expires_at: AwareDatetime
    score: int | None = None
    comment: str
    answered_at: AwareDatetime | None = None
    created_at: AwareDatetime


class SurveyQuery(PageQuery):
    ticket_id: str | None = Field(None, max_length=64)
    follow_up_id: str | None = Field(None, max_length=64)


class SurveyList(Page[SurveyOut]):
    pass


class SurveyAnswerIn(JsonBody):
    score: int = Field(ge=1, le=5)
    comment: str = Field("", max_length=5_000)
