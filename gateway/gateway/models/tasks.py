"""Tasks as the REST API shows and takes them (issue 17)."""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, Field

from gateway.models.common import JsonBody, Moment, Page
from gateway.models.desk_common import DeskOut, Id, PageQuery, Priority

RelatedType = Literal["lead", "customer", "contact", "deal", "ticket", "campaign"]
TaskState = Literal["open", "done", "cancelled"]
# A week ahead is as early as a reminder makes sense (the service's own bound).
Minutes = Field(None, ge=0, le=7 * 24 * 60, description="Minutes before due_at; null: none")


class TaskOut(DeskOut):
    id: str
    subject: str
    description: str
    due_at: AwareDatetime
    priority: Priority
    owner_id: str
    author_id: str
    state: TaskState
    reminder_minutes: int | None = None
    related_type: RelatedType | None = None
    related_id: str | None = None
    outcome: str
    overdue: bool
    completed_at: AwareDatetime | None = None
    created_at: AwareDatetime
    updated_at: AwareDatetime


class TaskCreate(JsonBody):
    subject: str = Field(max_length=200)
    due_at: Moment
    description: str = Field("", max_length=10_000)
    priority: Priority = "normal"
    owner_id: Id | None = Field(None, description="Empty: the caller")
    reminder_minutes: int | None = Field(15, ge=0, le=7 * 24 * 60, description="null: none")
    related_type: RelatedType | None = None
    related_id: Id | None = None


class TaskPatch(JsonBody):
    """Only the fields sent change: `owner_id` reassigns, `due_at` reschedules (the reminder
    goes out again for the new time), `reminder_minutes: null` turns the reminder off."""

    # Defaults are not validated, so these may be left out but not sent as null.
    subject: str = Field(None, max_length=200)
    description: str = Field(None, max_length=10_000)
    due_at: Moment = None
    priority: Priority = None
    owner_id: Id = None
    reminder_minutes: int | None = Minutes
    related_type: RelatedType | None = None
    related_id: Id | None = None


class TaskQuery(PageQuery):
    owner_id: Id | None = None
    state: TaskState | None = None
    related_type: RelatedType | None = None
    related_id: Id | None = None
    due_before: Moment | None = None
    due_after: Moment | None = None
    overdue: bool = Field(False, description="Only open tasks past their due time")


class TaskList(Page[TaskOut]):
    pass


class TaskCompleteIn(JsonBody):
    outcome: str = Field("", max_length=10_000)
