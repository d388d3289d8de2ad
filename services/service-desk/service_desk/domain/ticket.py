"""A ticket: a complaint, inquiry, suggestion or repair request, worked until resolved."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from crm_platform.errors import InvalidArgument
from crm_platform.validation import Violations
from service_desk.domain.commands import OpenTicket
from service_desk.domain.sla import SlaPolicy

CHANNELS = ("phone", "email", "web", "chat", "visit", "other")
CATEGORIES = ("complaint", "inquiry", "suggestion", "repair", "other")
PRIORITIES = ("low", "normal", "high", "urgent")
SUBJECT_MAX = 200
TEXT_MAX = 10_000
ID_MAX = 64
# What PATCH may change; the state only moves through transitions.
EDITABLE = (
    "customer_id",
    "contact_id",
    "channel",
    "category",
    "priority",
    "assignee_id",
    "subject",
    "description",
    "resolution",
)


@dataclass(kw_only=True)
class Ticket:
    id: str
    customer_id: str
    contact_id: str | None
    channel: str
    category: str
    priority: str
    state: str
    assignee_id: str | None
    subject: str
    description: str
    resolution: str
    reporter_id: str
    sla_due_at: datetime
    sla_breached: bool
    resolved_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int = 1  # +1 per change (crm_platform.versions)


def open_ticket(command: OpenTicket, *, reporter_id: str, sla: SlaPolicy, now: datetime) -> Ticket:
    """A new ticket in state `new`, its SLA clock started; InvalidArgument naming every bad
    field at once."""
    v = Violations()
    priority = v.choice("priority", command.priority or "normal", PRIORITIES)
    ticket = Ticket(
        id=str(uuid.uuid4()),
        customer_id=v.text("customer_id", command.customer_id, required=True, max_length=ID_MAX),
        contact_id=v.optional_id("contact_id", command.contact_id, max_length=ID_MAX),
        channel=v.choice("channel", command.channel or "other", CHANNELS),
        category=v.choice("category", command.category, CATEGORIES),
        priority=priority,
        state="new",
        assignee_id=v.optional_id("assignee_id", command.assignee_id, max_length=ID_MAX),
        subject=v.text("subject", command.subject, required=True, max_length=SUBJECT_MAX),
        description=v.text("description", command.description, max_length=TEXT_MAX),
        resolution="",
        reporter_id=reporter_id,
        # A refused priority is reported below; until then any target will do.
        sla_due_at=sla.due_at(priority if priority in PRIORITIES else "normal", now),
        sla_breached=False,
        resolved_at=None,
        created_at=now,
        updated_at=now,
    )
    v.raise_if_any("ticket")
    return ticket


def revise_ticket(
    ticket: Ticket, changes: Mapping[str, str], *, sla: SlaPolicy, now: datetime
) -> Ticket:
    """`ticket` with `changes` applied; a new priority moves the SLA target, counted from
    when the ticket was opened (re-prioritising does not restart the clock)."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise InvalidArgument.field("update_mask", f"unknown fields: {', '.join(unknown)}")
    v = Violations()
    merged = {name: _text(getattr(ticket, name)) for name in EDITABLE} | dict(changes)
    priority = v.choice("priority", merged["priority"], PRIORITIES)
    revised = replace(
        ticket,
        customer_id=v.text("customer_id", merged["customer_id"], required=True, max_length=ID_MAX),
        contact_id=v.optional_id("contact_id", merged["contact_id"], max_length=ID_MAX),
        channel=v.choice("channel", merged["channel"], CHANNELS),
        category=v.choice("category", merged["category"], CATEGORIES),
        priority=priority,
        assignee_id=v.optional_id("assignee_id", merged["assignee_id"], max_length=ID_MAX),
        subject=v.text("subject", merged["subject"], required=True, max_length=SUBJECT_MAX),
        description=v.text("description", merged["description"], max_length=TEXT_MAX),
        resolution=v.text("resolution", merged["resolution"], max_length=TEXT_MAX),
        updated_at=now,
    )
    v.raise_if_any("ticket")
    if revised.priority != ticket.priority:
        revised = replace(revised, sla_due_at=sla.due_at(priority, ticket.created_at))
    return revised


def _text(value: str | None) -> str:
    return value or ""
