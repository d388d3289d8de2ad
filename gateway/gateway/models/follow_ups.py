"""Follow-ups as the REST API shows and takes them."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from crm.service_desk.v1 import service_desk_pb2 as pb
from gateway.adapters.service_desk_client import moment

Priority = Literal["low", "normal", "high", "urgent"]
Id = Annotated[str, Field(max_length=64)]


class FollowUpOut(BaseModel):
    id: str
    customer_id: str
    contact_id: str | None
    deal_id: str | None
    owner_id: str
    subject: str
    due_at: AwareDatetime
    priority: Priority
    state: Literal["scheduled", "done", "cancelled"]
    overdue: bool
    outcome: str
    completed_at: AwareDatetime | None
    created_at: AwareDatetime
    updated_at: AwareDatetime

    @classmethod
    def of(cls, m: pb.FollowUp) -> FollowUpOut:
        return cls(
            id=m.id,
            customer_id=m.customer_id,
            contact_id=m.contact_id or None,
            deal_id=m.deal_id or None,
            owner_id=m.owner_id,
            subject=m.subject,
            due_at=moment(m, "due_at"),
            priority=m.priority,
            state=m.state,
            overdue=m.overdue,
            outcome=m.outcome,
            completed_at=moment(m, "completed_at"),
            created_at=moment(m, "created_at"),
            updated_at=moment(m, "updated_at"),
        )


class FollowUpCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    customer_id: Id
    subject: str = Field(max_length=200)
    due_at: AwareDatetime
    contact_id: Id | None = None
    deal_id: Id | None = None
    owner_id: Id | None = Field(None, description="Empty: the caller")
    priority: Priority = "normal"


class FollowUpPatch(BaseModel):
    """Only the fields sent change; `null` clears `contact_id`."""

    model_config = ConfigDict(extra="forbid")

    # Defaults are not validated, so these may be left out but not sent as null.
    customer_id: Id = None
    contact_id: Id | None = None
    owner_id: Id = None
    subject: str = Field(None, max_length=200)
    due_at: AwareDatetime = None
    priority: Priority = None


class FollowUpQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    page_size: int = Field(50, ge=1, le=200)
    page_token: str | None = Field(None, max_length=500)
    state: Literal["scheduled", "done", "cancelled"] | None = None
    owner_id: Id | None = None
    customer_id: Id | None = None
    deal_id: Id | None = None
    due_before: AwareDatetime | None = None
    overdue: bool = Field(False, description="Only scheduled follow-ups past their due time")


class FollowUpList(BaseModel):
    items: list[FollowUpOut]
    next_page_token: str | None
    total: int


class CompleteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: str = Field(min_length=1, max_length=10_000)
