"""One customer's story, newest first: one call to the timeline reporting keeps from every
topic (contacts, deals and stage moves, notes, follow-ups, tickets, survey answers), filtered
there by what the caller may see, with staff names added here from the gateway's accounts.

The timeline follows the services' events, a moment behind them. When reporting cannot be
reached, or has not heard of a customer just created, the customer still shows, from sales
(which also decides whether the caller may see it), with no entries: `missing` or `pending`
says why, so the page says what is left out instead of failing.
"""

from __future__ import annotations

from crm_platform.errors import NotFound, Unavailable
from gateway.clients import ServiceClients
from gateway.models.customer_timeline import CustomerTimelineOut
from gateway.service.dependencies import Dependencies
from gateway.service.staff_names import display_names

TIMELINE = "timeline"


def customer_timeline(
    deps: Dependencies,
    clients: ServiceClients,
    customer_id: str,
    *,
    page_size: int = 50,
    page_token: str = "",
) -> CustomerTimelineOut:
    try:
        timeline = clients.timeline.customer_timeline(customer_id, page_size, page_token)
    except Unavailable:
        return _from_sales(deps, clients, customer_id, missing=[TIMELINE])
    except NotFound:
        return _from_sales(deps, clients, customer_id, pending=True)
    people = [timeline.customer.owner_id, *(entry.actor_id for entry in timeline.entries)]
    names = display_names(deps, people)
    timeline.owner_name = names.get(timeline.customer.owner_id, "")
    for entry in timeline.entries:
        entry.actor_name = names.get(entry.actor_id or "", "")
    return timeline


def _from_sales(
    deps: Dependencies,
    clients: ServiceClients,
    customer_id: str,
    *,
    missing: list[str] | None = None,
    pending: bool = False,
) -> CustomerTimelineOut:
    """The customer as sales has it (NotFound there is the answer), with no entries."""
    customer = clients.sales.customers.get(customer_id)
    owner_name = display_names(deps, [customer.owner_id]).get(customer.owner_id, "")
    return CustomerTimelineOut(
        customer=customer, owner_name=owner_name, entries=[], counts={}, average_score=None,
        missing=missing or [], pending=pending, truncated=False,
    )  # fmt: skip
