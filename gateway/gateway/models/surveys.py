"""Satisfaction surveys as staff see them, and the customer's answer."""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from crm.service_desk.v1 import service_desk_pb2 as pb
from gateway.adapters.service_desk_client import moment


class SurveyOut(BaseModel):
    id: str
    ticket_id: str | None
    follow_up_id: str | None
    customer_id: str
    contact_id: str | None
    state: Literal["open", "answered", "expired"]
    token: str
    public_url: str
    expires_at: AwareDatetime
    score: int | None
    comment: str
    answered_at: AwareDatetime | None
    created_at: AwareDatetime

    @classmethod
    def of(cls, m: pb.Survey) -> SurveyOut:
        return cls(
            id=m.id,
            ticket_id=m.ticket_id or None,
            follow_up_id=m.follow_up_id or None,
            customer_id=m.customer_id,
            contact_id=m.contact_id or None,
            state=m.state,
            token=m.token,
            public_url=m.public_url,
            expires_at=moment(m, "expires_at"),
            score=m.score or None,
            comment=m.comment,
            answered_at=moment(m, "answered_at"),
            created_at=moment(m, "created_at"),
        )


class SurveyQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    page_size: int = Field(50, ge=1, le=200)
    page_token: str | None = Field(None, max_length=500)
    ticket_id: str | None = Field(None, max_length=64)
    follow_up_id: str | None = Field(None, max_length=64)


class SurveyList(BaseModel):
    items: list[SurveyOut]
    next_page_token: str | None
    total: int


class SurveyAnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    score: int = Field(ge=1, le=5)
    comment: str = Field("", max_length=5_000)
