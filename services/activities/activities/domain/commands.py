"""What callers ask for, as plain values; the domain validates them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

# reminder_minutes: None means "not given" (15 by default); NO_REMINDER turns it off.
NO_REMINDER = -1


@dataclass(frozen=True)
class NewTask:
    subject: str = ""
    description: str = ""
    due_at: datetime | None = None
    priority: str = ""
    owner_id: str = ""
    reminder_minutes: int | None = None
    related_type: str = ""
    related_id: str = ""


@dataclass(frozen=True)
class TaskFilter:
    owner_id: str = ""
    state: str = ""
    related_type: str = ""
    related_id: str = ""
    due_before: datetime | None = None
    due_after: datetime | None = None
    overdue: bool = False


@dataclass(frozen=True)
class NewActivity:
    kind: str = ""
    subject: str = ""
    notes: str = ""
    at: datetime | None = None
    duration_minutes: int = 0
    outcome: str = ""
    contact_ids: tuple[str, ...] = field(default_factory=tuple)
    related_type: str = ""
    related_id: str = ""


@dataclass(frozen=True)
class ActivityFilter:
    kind: str = ""
    author_id: str = ""
    related_type: str = ""
    related_id: str = ""
