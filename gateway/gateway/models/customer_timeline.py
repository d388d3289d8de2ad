"""A customer's timeline as the REST API shows it: one page of entries, newest first."""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from gateway.models.customers import CustomerOut

Kind = Literal[
    "contact",
    "deal",
    "stage",
    "note",
    "follow_up",
    "follow_up_done",
    "ticket",
    "ticket_resolved",
    "survey",
]


class TimelineEntryOut(BaseModel):
    kind: Kind = Field(description="deal: created; stage: moved; survey: answered")
    at: AwareDatetime
    subject_type: Literal["customer", "contact", "deal", "follow_up", "ticket"]
    subject_id: str
    title: str = Field(description="The subject's name or subject line")
    actor_id: str | None = Field(description="The staff user who did it; null for the customer")
    actor_name: str
    state: str = Field(description="Stage, follow-up or ticket state code, where one applies")
    detail: str = Field(description="Note body, outcome, resolution, survey comment, …")
    amount: str | None
    currency: str | None
    score: int | None = Field(description="A survey's score, 1 to 5")
    due_at: AwareDatetime | None
    flagged: bool = Field(description="An overdue follow-up or a ticket past its SLA target")


class CustomerTimelineOut(BaseModel):
    customer: CustomerOut
    owner_name: str
    entries: list[TimelineEntryOut] = Field(description="Newest first")
    counts: dict[str, int] = Field(
        description="contacts, deals, scheduled follow_ups, open tickets, answered surveys"
    )
    average_score: float | None
    missing: list[str] = Field(
        description='Parts that could not be reached and are left out ("timeline": no entries)'
    )
    pending: bool = Field(
        False,
        description="The timeline has not yet heard of this customer (created a moment ago): "
        "no entries yet",
    )
    truncated: bool = Field(
        description="Always false: the timeline pages (kept for clients of the first version)"
    )
    next_page_token: str | None = Field(
        None, description="Pass as page_token for the next (older) entries; null on the last page"
    )
    total: int | None = Field(None, description="Entries the caller may see in all")


class TimelineQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    page_size: int = Field(50, ge=1, le=200)
    page_token: str | None = Field(None, max_length=500)
