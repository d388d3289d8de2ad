"""Tickets, their comments and history as the REST API shows and takes them."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, Field

from gateway.models.common import CreatedRange, JsonBody, Page, Version, sort_of
from gateway.models.desk_common import DeskOut, Id, PageQuery, Priority

Channel = Literal["phone", "email", "web", "chat", "visit", "other"]
Category = Literal["complaint", "inquiry", "suggestion", "repair", "other"]
State = Literal["new", "accepted", "in_progress", "resolved", "closed"]
Text = Annotated[str, Field(max_length=10_000)]


class TicketOut(DeskOut):
    id: str
    customer_id: str
    contact_id: str | None = None
    channel: Channel
    category: Category
    priority: Priority
    state: State
    assignee_id: str | None = None
    subject: str
    description: str
    resolution: str
    sla_due_at: AwareDatetime
    sla_breached: bool
    resolved_at: AwareDatetime | None = None
    reporter_id: str
    created_at: AwareDatetime
    updated_at: AwareDatetime
    version: int = Field(0, description="1 when opened, +1 per change (the ETag)")


class TicketCreate(JsonBody):
    customer_id: Id
    subject: str = Field(max_length=200)
    category: Category
    contact_id: Id | None = None
    channel: Channel = "other"
    priority: Priority = "normal"
    assignee_id: Id | None = None
    description: Text = ""


class TicketPatch(JsonBody):
    """Only the fields sent change; `null` clears `contact_id` and `assignee_id`. The state
    moves only through the transition actions."""

    customer_id: Id = None
    contact_id: Id | None = None
    channel: Channel = None
    category: Category = None
    priority: Priority = None
    assignee_id: Id | None = None
    subject: str = Field(None, max_length=200)
    description: Text = None
    resolution: Text = None
    version: Version | None = None


class TicketQuery(PageQuery, CreatedRange):
    state: State | None = None
    priority: Priority | None = None
    category: Category | None = None
    assignee_id: Id | None = None
    customer_id: Id | None = None
    sla_breached: bool = False
    sort: sort_of("created_at", "updated_at", "subject", "sla_due_at") | None = None


class TicketList(Page[TicketOut]):
    pass


class TransitionIn(JsonBody):
    resolution: Text | None = Field(None, description="resolve: required unless already written")


class CommentIn(JsonBody):
    body: str = Field(min_length=1, max_length=10_000)


class CommentOut(DeskOut):
    id: str
    ticket_id: str
    author_id: str
    body: str
    created_at: AwareDatetime


class CommentQuery(PageQuery):
    pass


class CommentList(Page[CommentOut]):
    pass


class FieldChangeOut(BaseModel):
    field: str
    old_value: str
    new_value: str


class TicketHistoryEntryOut(DeskOut):
    action: str
    from_state: str | None = None
    to_state: str
    changes: list[FieldChangeOut]
    actor_id: str | None = None
    at: AwareDatetime


class HistoryOut(BaseModel):
    items: list[TicketHistoryEntryOut]
