"""Logged activities (calls, meetings, e-mails) as the REST API shows and takes them."""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, Field

from gateway.models.common import JsonBody, Moment, Page
from gateway.models.desk_common import DeskOut, Id, PageQuery
from gateway.models.tasks import RelatedType

Kind = Literal["call", "meeting", "email"]
Duration = Field(0, ge=0, le=24 * 60, description="Minutes")


class ActivityOut(DeskOut):
    id: str
    kind: Kind
    subject: str
    notes: str
    at: AwareDatetime
    duration_minutes: int
    outcome: str
    contact_ids: list[str]
    related_type: RelatedType | None = None
    related_id: str | None = None
    author_id: str
    created_at: AwareDatetime
    updated_at: AwareDatetime


class ActivityCreate(JsonBody):
    kind: Kind
    subject: str = Field(max_length=200)
    notes: str = Field("", max_length=10_000)
    at: Moment | None = Field(None, description="Empty: now")
    duration_minutes: int = Duration
    outcome: str = Field("", max_length=10_000)
    contact_ids: list[Id] = Field(default_factory=list, max_length=20)
    related_type: RelatedType | None = None
    related_id: Id | None = None


class ActivityPatch(JsonBody):
    """Only the fields sent change (by the author or a manager)."""

    kind: Kind = None
    subject: str = Field(None, max_length=200)
    notes: str = Field(None, max_length=10_000)
    at: Moment = None
    duration_minutes: int = Field(None, ge=0, le=24 * 60)
    outcome: str = Field(None, max_length=10_000)
    contact_ids: list[Id] = Field(None, max_length=20)
    related_type: RelatedType | None = None
    related_id: Id | None = None


class ActivityQuery(PageQuery):
    kind: Kind | None = None
    author_id: Id | None = None
    related_type: RelatedType | None = None
    related_id: Id | None = None


class ActivityList(Page[ActivityOut]):
    pass
