"""List filters, checked and parsed before any query runs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from crm_platform.errors import InvalidArgument
from crm_platform.sorting import Order, day_range, parse_sort
from crm_platform.validation import Violations
from service_desk.domain import follow_up, ticket, ticket_states
from service_desk.domain.commands import FollowUpFilter, TicketFilter

ID_MAX = 64
FOLLOW_UP_SORTS = ("due_at", "created_at", "updated_at", "subject")
TICKET_SORTS = ("created_at", "updated_at", "subject", "sla_due_at")
CREATED = ("created_from", "created_to")
SOONEST_DUE = Order("due_at", descending=False)  # a follow-up list is a work queue
NEWEST_FIRST = Order("created_at", descending=True)
Created = tuple[datetime | None, datetime | None]


@dataclass(frozen=True)
class FollowUpCriteria:
    state: str = ""
    owner_id: str = ""
    due_before: datetime | None = None
    overdue: bool = False
    customer_id: str = ""
    deal_id: str = ""
    # None: no restriction; a user id: only follow-ups that user owns or whose deal they own.
    visible_to: str | None = None
    created: Created = (None, None)  # [from, to)
    order: Order = SOONEST_DUE


@dataclass(frozen=True)
class TicketCriteria:
    state: str = ""
    priority: str = ""
    category: str = ""
    assignee_id: str = ""
    customer_id: str = ""
    sla_breached: bool = False
    created: Created = (None, None)  # [from, to)
    order: Order = NEWEST_FIRST


def follow_up_criteria(given: FollowUpFilter, *, visible_to: str | None) -> FollowUpCriteria:
    """InvalidArgument for an unknown state rather than an empty list that would look like
    "nothing matches"."""
    v = Violations()
    criteria = FollowUpCriteria(
        state=v.choice("state", given.state, follow_up.STATES) if given.state else "",
        owner_id=v.text("owner_id", given.owner_id, max_length=ID_MAX),
        due_before=v.aware("due_before", given.due_before) if given.due_before else None,
        overdue=given.overdue,
        customer_id=v.text("customer_id", given.customer_id, max_length=ID_MAX),
        deal_id=v.text("deal_id", given.deal_id, max_length=ID_MAX),
        visible_to=visible_to,
        created=day_range(v, CREATED, given.created_from, given.created_to),
        order=_order(v, given.sort, FOLLOW_UP_SORTS, SOONEST_DUE),
    )
    v.raise_if_any("filter")
    return criteria


def ticket_criteria(given: TicketFilter) -> TicketCriteria:
    v = Violations()
    criteria = TicketCriteria(
        state=v.choice("state", given.state, ticket_states.STATES) if given.state else "",
        priority=v.choice("priority", given.priority, ticket.PRIORITIES) if given.priority else "",
        category=v.choice("category", given.category, ticket.CATEGORIES) if given.category else "",
        assignee_id=v.text("assignee_id", given.assignee_id, max_length=ID_MAX),
        customer_id=v.text("customer_id", given.customer_id, max_length=ID_MAX),
        sla_breached=given.sla_breached,
        created=day_range(v, CREATED, given.created_from, given.created_to),
        order=_order(v, given.sort, TICKET_SORTS, NEWEST_FIRST),
    )
    v.raise_if_any("filter")
    return criteria


def _order(v: Violations, text: str, allowed: tuple[str, ...], default: Order) -> Order:
    try:
        return parse_sort(text, allowed, default.name)
    except InvalidArgument as refused:
        v.items += refused.violations
        return default
