"""Customers: /api/v1/customers, with their contacts and deals, served by the sales service."""

from __future__ import annotations

from flask import Blueprint
from spectree import SpecTree

from gateway.entrypoints.documented_route import route_maker
from gateway.entrypoints.record_routes import RecordApi, add_record_routes
from gateway.http.current import clients, current_gateway
from gateway.models.contacts import ContactList, ContactListQuery
from gateway.models.customer_timeline import CustomerTimelineOut, TimelineQuery
from gateway.models.customers import (
    CustomerCreate,
    CustomerList,
    CustomerListQuery,
    CustomerOut,
    CustomerPatch,
)
from gateway.models.deals import DealList, DealListQuery
from gateway.models.sales_common import SalesListQuery
from gateway.service.customer_timeline import customer_timeline

CUSTOMERS = RecordApi(
    "customer",
    lambda: clients().sales.customers,
    CustomerOut,
    CustomerList,
    CustomerListQuery,
    CustomerCreate,
    CustomerPatch,
    notes={
        "list": "; `q` searches name, website and phone",
        "delete": " that has no contacts or deals left (422 otherwise)",
    },
    refusals={"delete": (422,)},
)


def customers_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("customers", __name__, url_prefix="/api/v1")
    route = route_maker(bp, api, "customers")
    add_record_routes(route, CUSTOMERS)

    @route("GET", "/customers/<customer_id>/contacts", query=SalesListQuery, HTTP_200=ContactList)
    def customer_contacts(customer_id: str, query: SalesListQuery):
        """The customer's contacts."""
        mine = ContactListQuery(customer_id=customer_id, **query.model_dump())
        return clients().sales.contacts.list(mine)

    @route("GET", "/customers/<customer_id>/deals", query=SalesListQuery, HTTP_200=DealList)
    def customer_deals(customer_id: str, query: SalesListQuery):
        """The customer's deals."""
        return clients().sales.deals.list(
            DealListQuery(customer_id=customer_id, **query.model_dump())
        )

    @route(
        "GET", "/customers/<customer_id>/timeline", query=TimelineQuery,
        HTTP_200=CustomerTimelineOut,
    )  # fmt: skip
    def customer_timeline_of(customer_id: str, query: TimelineQuery):
        """Everything about the customer newest first, as far as you may see it: contacts,
        deals and stage moves, notes, follow-ups, tickets and survey answers, a page at a
        time. When the timeline cannot be reached the customer shows with no entries and
        `missing` says so."""
        return customer_timeline(
            current_gateway().deps, clients(), customer_id,
            page_size=query.page_size, page_token=query.page_token or "",
        )  # fmt: skip

    return bp
