"""The caller's notifications and their notification settings."""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from gateway.models.common import JsonBody

Kind = Literal[
    "task_due",
    "task_overdue",
    "follow_up_due",
    "follow_up_overdue",
    "ticket_assigned",
    "ticket_sla_warning",
    "ticket_sla_breached",
    "lead_assigned",
    "deal_assigned",
    "deal_moved",
    "deal_closed",
    "survey_low_score",
]
KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]
Channel = Literal["in_app", "email", "both", "none"]
CHANNELS: tuple[str, ...] = Channel.__args__  # type: ignore[attr-defined]
Frequency = Literal["immediate", "daily_digest"]
FREQUENCIES: tuple[str, ...] = Frequency.__args__  # type: ignore[attr-defined]


class NotificationOut(BaseModel):
    id: str
    kind: str
    title: str
    body: str
    link: str
    read: bool
    created_at: AwareDatetime
    related_type: str
    related_id: str


class NotificationList(BaseModel):
    items: list[NotificationOut]
    unread: int  # all the caller's unread ones, not only those listed


class NotificationQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    unread: bool = False
    page_size: int = Field(50, ge=1, le=200)


class UnreadCount(BaseModel):
    unread: int


class ReadAll(BaseModel):
    marked: int


class NotificationSettingsOut(BaseModel):
    # Every kind with its channel: in_app, email, both or none.
    preferences: dict[str, str]
    email_frequency: str


class NotificationSettingsIn(JsonBody):
    """Only the kinds sent change; the frequency when sent."""

    preferences: dict[Kind, Channel] = Field(default_factory=dict)
    email_frequency: Frequency | None = None
