"""A follow-up: an after-sale return visit or call to a customer, due at a given time."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from crm_platform.validation import Violations
from service_desk.domain.commands import ScheduleFollowUp

# The `follow_up_priorities` and `follow_up_states` of the data dictionary.
PRIORITIES = ("low", "normal", "high", "urgent")
STATES = ("scheduled", "done", "cancelled")
SUBJECT_MAX = 200
ID_MAX = 64


@dataclass(kw_only=True)
class FollowUp:
    id: str
    customer_id: str
    contact_id: str | None
    deal_id: str | None
    owner_id: str
    subject: str
    due_at: datetime
    priority: str
    state: str
    outcome: str
    created_at: datetime


def schedule(command: ScheduleFollowUp, *, now: datetime) -> FollowUp:
    """A new scheduled follow-up; InvalidArgument naming every bad field at once."""
    v = Violations()
    follow_up = FollowUp(
        id=str(uuid.uuid4()),
        customer_id=v.text("customer_id", command.customer_id, required=True, max_length=ID_MAX),
        contact_id=v.optional_id("contact_id", command.contact_id, max_length=ID_MAX),
        deal_id=v.optional_id("deal_id", command.deal_id, max_length=ID_MAX),
        owner_id=v.text("owner_id", command.owner_id, required=True, max_length=ID_MAX),
        subject=v.text("subject", command.subject, required=True, max_length=SUBJECT_MAX),
        # Only a None that is refused below gets past this typed as a datetime.
        due_at=v.aware("due_at", command.due_at),  # type: ignore[arg-type]
        priority=v.choice("priority", command.priority or "normal", PRIORITIES),
        state="scheduled",
        outcome="",
        created_at=now,
    )
    v.raise_if_any("follow-up")
    return follow_up
