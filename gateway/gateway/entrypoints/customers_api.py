"""Customers: /api/v1/customers, with their contacts and deals, served by the sales service."""

from __future__ import annotations

from flask import Blueprint
from spectree import SpecTree

from gateway.adapters.service_desk_client import desk
from gateway.entrypoints.documented_route import route_maker
from gateway.entrypoints.record_routes import RecordApi, add_record_routes
from gateway.entrypoints.sales_calls import sales
from gateway.http.current import clients, current_gateway
from gateway.models.contacts import ContactList, ContactListQuery
from gateway.models.customer_timeline import CustomerTimelineOut
from gateway.models.customers import (
    CustomerCreate,
    CustomerList,
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
    SalesListQuery,
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

    @route("GET", "/customers/<customer_id>/timeline", HTTP_200=CustomerTimelineOut)
    def customer_timeline_of(customer_id: str):
        """Everything about the customer newest first, as far as you may see it: contacts,
        deals and stage moves, notes, follow-ups, tickets and survey answers. A service that
        cannot be reached leaves its part out and is named in `missing`."""
        timeline = customer_timeline(current_gateway().deps, sales, desk, customer_id)
        return CustomerTimelineOut.of(timeline)

    return bp
