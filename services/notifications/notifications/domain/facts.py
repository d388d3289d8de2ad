"""What the events tell this service, free of their protobuf shape: the service layer turns
these into notifications, reminders and users."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Notify:
    """Tell `user_id` now; not when they caused it themselves (`actor_id`)."""

    kind: str
    user_id: str
    related_type: str
    related_id: str
    params: dict[str, str] = field(default_factory=dict)
    actor_id: str = ""
    link: str = ""  # the page to open, when not the related record's own


@dataclass(frozen=True)
class Owned:
    """`owner_id` is the record's owner (assignee) now; they are told when that is news to this
    service (a new record, or a reassignment) and someone else did it."""

    kind: str
    related_type: str
    related_id: str
    owner_id: str
    subject: str = ""
    actor_id: str = ""


@dataclass(frozen=True)
class NotifyOwner:
    """Tell the record's last known owner (a survey on a ticket tells the ticket's assignee)."""

    kind: str
    related_type: str
    related_id: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Remind:
    """Tell `user_id` at `fire_at` unless forgotten first; a newer one for the same kind and
    record replaces it (a rescheduled follow-up, a reassigned ticket)."""

    kind: str
    user_id: str
    related_type: str
    related_id: str
    fire_at: datetime
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Forget:
    kind: str
    related_id: str


@dataclass(frozen=True)
class UserSeen:
    user_id: str
    username: str
    display_name: str
    email: str
    language: str
    active: bool


Fact = Notify | Owned | NotifyOwner | Remind | Forget | UserSeen
