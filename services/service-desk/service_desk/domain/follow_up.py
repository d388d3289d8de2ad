"""A follow-up: an after-sale return visit or call to a customer, due at a given time."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from crm_platform.errors import AlreadyExists, FailedPrecondition, InvalidArgument
from crm_platform.validation import Violations
from service_desk.domain.commands import ScheduleFollowUp

# The `follow_up_priorities` and `follow_up_states` of the data dictionary.
PRIORITIES = ("low", "normal", "high", "urgent")
STATES = ("scheduled", "done", "cancelled")
SUBJECT_MAX = 200
OUTCOME_MAX = 10_000
ID_MAX = 64
EDITABLE = ("customer_id", "contact_id", "owner_id", "subject", "due_at", "priority")


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
    updated_at: datetime | None = None
    completed_at: datetime | None = None
    # Kept so that a sales rep sees the follow-ups of their deals even when an agent owns them.
    deal_owner_id: str | None = None
    # Set when the overdue reminder went out, so that it goes out once.
    overdue_notified_at: datetime | None = None
    version: int = 1  # +1 per change (crm_platform.versions)

    def is_overdue(self, now: datetime) -> bool:
        return self.state == "scheduled" and self.due_at < now


def schedule(
    command: ScheduleFollowUp, *, now: datetime, deal_owner_id: str | None = None
) -> FollowUp:
    """A new scheduled follow-up; InvalidArgument naming every bad field at once."""
    follow_up = _validated(command, follow_up_id=str(uuid.uuid4()), created_at=now)
    return replace(follow_up, updated_at=now, deal_owner_id=deal_owner_id)


def revise(follow_up: FollowUp, changes: Mapping[str, Any], *, now: datetime) -> FollowUp:
    """`follow_up` with `changes` applied and validated as a whole; only while scheduled."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise InvalidArgument.field("update_mask", f"unknown fields: {', '.join(unknown)}")
    if follow_up.state != "scheduled":
        raise FailedPrecondition(f"follow-up {follow_up.id} is {follow_up.state}: it is final")
    current = ScheduleFollowUp(
        customer_id=follow_up.customer_id,
        contact_id=follow_up.contact_id or "",
        deal_id=follow_up.deal_id or "",
        owner_id=follow_up.owner_id,
        subject=follow_up.subject,
        due_at=follow_up.due_at,
        priority=follow_up.priority,
    )
    revised = _validated(
        replace(current, **changes), follow_up_id=follow_up.id, created_at=follow_up.created_at
    )
    rescheduled = revised.due_at != follow_up.due_at
    return replace(
        follow_up,
        **{name: getattr(revised, name) for name in EDITABLE},
        updated_at=now,
        # A new due time deserves its own reminder if it is missed too.
        overdue_notified_at=None if rescheduled else follow_up.overdue_notified_at,
    )


def complete(follow_up: FollowUp, outcome: str, *, now: datetime) -> FollowUp:
    v = Violations()
    outcome = v.text("outcome", outcome, required=True, max_length=OUTCOME_MAX)
    v.raise_if_any("completion")
    _require_scheduled(follow_up, "completed")
    return replace(follow_up, state="done", outcome=outcome, completed_at=now, updated_at=now)


def cancel(follow_up: FollowUp, *, now: datetime) -> FollowUp:
    _require_scheduled(follow_up, "cancelled")
    return replace(follow_up, state="cancelled", updated_at=now)


def _require_scheduled(follow_up: FollowUp, verb: str) -> None:
    # A second completion is a conflict with what happened, like converting a lead twice.
    if follow_up.state != "scheduled":
        raise AlreadyExists(
            f"follow-up {follow_up.id} is {follow_up.state}; only a scheduled one can be {verb}"
        )


def _validated(command: ScheduleFollowUp, *, follow_up_id: str, created_at: datetime) -> FollowUp:
    v = Violations()
    follow_up = FollowUp(
        id=follow_up_id,
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
        created_at=created_at,
    )
    v.raise_if_any("follow-up")
    return follow_up
