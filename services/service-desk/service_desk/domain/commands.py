"""What callers ask the service desk to do, with values as they sent them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class ScheduleFollowUp:
    customer_id: str
    subject: str
    due_at: datetime | None  # must carry a time zone
    contact_id: str = ""
    deal_id: str = ""
    owner_id: str = ""  # empty: the caller
    priority: str = ""  # empty: normal


@dataclass(frozen=True)
class UpdateFollowUp:
    """Change only the fields in `changes` (due_at a datetime, the others text)."""

    follow_up_id: str
    changes: Mapping[str, Any]
    expected_version: int = 0  # the version read; 0: not said, not checked


@dataclass(frozen=True)
class FollowUpFilter:
    state: str = ""
    owner_id: str = ""
    due_before: datetime | None = None
    overdue: bool = False
    customer_id: str = ""
    deal_id: str = ""
    created_from: str = ""  # ISO dates, both included
    created_to: str = ""
    sort: str = ""


@dataclass(frozen=True)
class OpenTicket:
    customer_id: str
    subject: str
    category: str
    contact_id: str = ""
    channel: str = ""  # empty: other
    priority: str = ""  # empty: normal
    assignee_id: str = ""
    description: str = ""


@dataclass(frozen=True)
class UpdateTicket:
    ticket_id: str
    changes: Mapping[str, str]
    expected_version: int = 0  # the version read; 0: not said, not checked


@dataclass(frozen=True)
class TransitionTicket:
    ticket_id: str
    action: str
    resolution: str = ""


@dataclass(frozen=True)
class TicketFilter:
    state: str = ""
    priority: str = ""
    category: str = ""
    assignee_id: str = ""
    customer_id: str = ""
    sla_breached: bool = False
    created_from: str = ""  # ISO dates, both included
    created_to: str = ""
    sort: str = ""


@dataclass(frozen=True)
class AnswerSurvey:
    token: str
    score: int
    comment: str = ""
