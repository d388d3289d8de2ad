"""Tickets, their comments and history as the REST API shows and takes them."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from crm.service_desk.v1 import service_desk_pb2 as pb
from gateway.adapters.service_desk_client import moment

Channel = Literal["phone", "email", "web", "chat", "visit", "other"]
Category = Literal["complaint", "inquiry", "suggestion", "repair", "other"]
Priority = Literal["low", "normal", "high", "urgent"]
State = Literal["new", "accepted", "in_progress", "resolved", "closed"]
Id = Annotated[str, Field(max_length=64)]
Text = Annotated[str, Field(max_length=10_000)]


class TicketOut(BaseModel):
    id: str
    customer_id: str
    contact_id: str | None
    channel: Channel
    category: Category
    priority: Priority
    state: State
    assignee_id: str | None
    subject: str
    description: str
    resolution: str
    sla_due_at: AwareDatetime
    sla_breached: bool
    resolved_at: AwareDatetime | None
    reporter_id: str
    created_at: AwareDatetime
    updated_at: AwareDatetime

    @classmethod
    def of(cls, m: pb.Ticket) -> TicketOut:
        return cls(
            id=m.id,
            customer_id=m.customer_id,
            contact_id=m.contact_id or None,
            channel=m.channel,
            category=m.category,
            priority=m.priority,
            state=m.state,
            assignee_id=m.assignee_id or None,
            subject=m.subject,
            description=m.description,
            resolution=m.resolution,
            sla_due_at=moment(m, "sla_due_at"),
            sla_breached=m.sla_breached,
            resolved_at=moment(m, "resolved_at"),
            reporter_id=m.reporter_id,
            created_at=moment(m, "created_at"),
            updated_at=moment(m, "updated_at"),
        )


class TicketCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    customer_id: Id
    subject: str = Field(max_length=200)
    category: Category
    contact_id: Id | None = None
    channel: Channel = "other"
    priority: Priority = "normal"
    assignee_id: Id | None = None
    description: Text = ""


class TicketPatch(BaseModel):
    """Only the fields sent change; `null` clears `contact_id` and `assignee_id`. The state
    moves only through the transition actions."""

    model_config = ConfigDict(extra="forbid")

    customer_id: Id = None
    contact_id: Id | None = None
    channel: Channel = None
    category: Category = None
    priority: Priority = None
    assignee_id: Id | None = None
    subject: str = Field(None, max_length=200)
    description: Text = None
    resolution: Text = None


class TicketQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    page_size: int = Field(50, ge=1, le=200)
    page_token: str | None = Field(None, max_length=500)
    state: State | None = None
    priority: Priority | None = None
    category: Category | None = None
    assignee_id: Id | None = None
    customer_id: Id | None = None
    sla_breached: bool = False


class TicketList(BaseModel):
    items: list[TicketOut]
    next_page_token: str | None
    total: int


class TransitionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    resolution: Text | None = Field(None, description="resolve: required unless already written")


class CommentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    body: str = Field(min_length=1, max_length=10_000)


class CommentOut(BaseModel):
    id: str
    ticket_id: str
    author_id: str
    body: str
    created_at: AwareDatetime

    @classmethod
    def of(cls, m: pb.TicketComment) -> CommentOut:
        return cls(
            id=m.id,
            ticket_id=m.ticket_id,
            author_id=m.author_id,
            body=m.body,
            created_at=moment(m, "created_at"),
        )


class CommentQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    page_size: int = Field(50, ge=1, le=200)
    page_token: str | None = Field(None, max_length=500)


class CommentList(BaseModel):
    items: list[CommentOut]
    next_page_token: str | None
    total: int


class FieldChangeOut(BaseModel):
    field: str
    old_value: str
    new_value: str


class HistoryEntryOut(BaseModel):
    action: str
    from_state: str | None
    to_state: str
    changes: list[FieldChangeOut]
    actor_id: str | None
    at: AwareDatetime


class HistoryOut(BaseModel):
    items: list[HistoryEntryOut]

    @classmethod
    def of(cls, m: pb.TicketHistory) -> HistoryOut:
        return cls(
            items=[
                HistoryEntryOut(
                    action=e.action,
                    from_state=e.from_state or None,
                    to_state=e.to_state,
                    changes=[
                        FieldChangeOut(field=c.field, old_value=c.old_value, new_value=c.new_value)
                        for c in e.changes
                    ],
                    actor_id=e.actor_id or None,
                    at=moment(e, "at"),
                )
                for e in m.entries
            ]
        )
