"""A customer's timeline as the REST API shows it: one page of entries, newest first."""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, BaseModel, Field

from gateway.models.customers import CustomerOut
from gateway.service.customer_timeline import Timeline

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
        description="Services that could not be reached: their part is left out"
    )
    truncated: bool = Field(description="Some list held more than the timeline reads")
    next_page_token: str | None = Field(
        None, description="Pass as page_token for the next (older) entries; null on the last page"
    )
    total: int | None = Field(None, description="Entries the caller may see in all")

    @classmethod
    def of(cls, timeline: Timeline) -> CustomerTimelineOut:
        return cls(
            customer=timeline.customer,
            owner_name=timeline.owner_name,
            entries=[
                TimelineEntryOut.model_validate(e, from_attributes=True) for e in timeline.entries
            ],
            counts=timeline.counts,
            average_score=timeline.average_score,
            missing=timeline.missing,
            truncated=timeline.truncated,
        )
