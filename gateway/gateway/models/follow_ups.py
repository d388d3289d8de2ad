"""Follow-ups as the REST API shows and takes them."""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, Field

from gateway.models.common import CreatedRange, JsonBody, Moment, Page, Version, sort_of
from gateway.models.desk_common import DeskOut, Id, PageQuery, Priority


class FollowUpOut(DeskOut):
    id: str
    customer_id: str
    contact_id: str | None = None
    deal_id: str | None = None
    owner_id: str
    subject: str
    due_at: AwareDatetime
    priority: Priority
    state: Literal["scheduled", "done", "cancelled"]
    overdue: bool
    outcome: str
    completed_at: AwareDatetime | None = None
    created_at: AwareDatetime
    updated_at: AwareDatetime
    version: int = Field(0, description="1 when scheduled, +1 per change (the ETag)")


class FollowUpCreate(JsonBody):
    customer_id: Id
    subject: str = Field(max_length=200)
    due_at: Moment
    contact_id: Id | None = None
    deal_id: Id | None = None
    owner_id: Id | None = Field(None, description="Empty: the caller")
    priority: Priority = "normal"


class FollowUpPatch(JsonBody):
    """Only the fields sent change; `null` clears `contact_id`."""

    # Defaults are not validated, so these may be left out but not sent as null.
    customer_id: Id = None
    contact_id: Id | None = None
    owner_id: Id = None
    subject: str = Field(None, max_length=200)
    due_at: Moment = None
    priority: Priority = None
    version: Version | None = None


class FollowUpQuery(PageQuery, CreatedRange):
    state: Literal["scheduled", "done", "cancelled"] | None = None
    owner_id: Id | None = None
    customer_id: Id | None = None
    deal_id: Id | None = None
    due_before: Moment | None = None
    overdue: bool = Field(False, description="Only scheduled follow-ups past their due time")
    sort: sort_of("due_at", "created_at", "updated_at", "subject") | None = None


class FollowUpList(Page[FollowUpOut]):
    pass


class CompleteIn(JsonBody):
    outcome: str = Field(min_length=1, max_length=10_000)
