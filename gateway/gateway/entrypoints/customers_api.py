"""Customers: /api/v1/customers, with their contacts and deals, served by the sales service."""

from __future__ import annotations

from flask import Blueprint, url_for
from spectree import Response, SpecTree

from crm.sales.v1 import sales_pb2 as pb
from gateway.adapters.service_desk_client import desk
from gateway.clients.messages import as_data, input_message
from gateway.entrypoints.openapi import BEARER, REFUSALS
from gateway.entrypoints.sales_calls import filters, list_reply, page_args, sales
from gateway.entrypoints.security import login_required
from gateway.http.current import current_gateway
from gateway.models.common import Problem
from gateway.models.contacts import ContactList
from gateway.models.customer_timeline import CustomerTimelineOut
from gateway.models.customers import (
    CustomerCreate,
    CustomerList,
    CustomerOut,
    CustomerPatch,
)
from gateway.models.deals import DealList
from gateway.models.sales_common import SalesListQuery
from gateway.service.customer_timeline import customer_timeline


def customers_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("customers", __name__, url_prefix="/api/v1")
    documented = {"tags": ["customers"], "security": BEARER}

    @bp.get("/customers")
    @login_required()
    @api.validate(
        query=SalesListQuery, resp=Response(HTTP_200=CustomerList, **REFUSALS), **documented
    )
    def list_customers(query: SalesListQuery):
        """Customers you may see, newest first; `q` searches name, website and phone."""
        request = pb.ListCustomersRequest(
            q=query.q or "", **filters(query, "owner_id"), **page_args(query)
        )
        return CustomerList.model_validate(list_reply(sales("ListCustomers", request)))

    @bp.post("/customers")
    @login_required()
    @api.validate(
        json=CustomerCreate,
        resp=Response(HTTP_201=CustomerOut, HTTP_400=Problem, **REFUSALS),
        **documented,
    )
    def create_customer(json: CustomerCreate):
        """Create a customer."""
        request = pb.CreateCustomerRequest(
            customer=input_message(pb.CustomerInput, json.model_dump())
        )
        customer = CustomerOut.model_validate(as_data(sales("CreateCustomer", request)))
        location = url_for("customers.get_customer", customer_id=customer.id)
        return customer, 201, {"Location": location}

    @bp.get("/customers/<customer_id>")
    @login_required()
    @api.validate(resp=Response(HTTP_200=CustomerOut, **REFUSALS), **documented)
    def get_customer(customer_id: str):
        """One customer."""
        reply = sales("GetCustomer", pb.GetRequest(id=customer_id))
        return CustomerOut.model_validate(as_data(reply))

    @bp.patch("/customers/<customer_id>")
    @login_required()
    @api.validate(
        json=CustomerPatch,
        resp=Response(HTTP_200=CustomerOut, HTTP_400=Problem, **REFUSALS),
        **documented,
    )
    def update_customer(customer_id: str, json: CustomerPatch):
        """Change only the fields sent."""
        changes = json.model_dump(exclude_unset=True)
        request = pb.UpdateCustomerRequest(
            id=customer_id,
            customer=input_message(pb.CustomerInput, changes),
            update_mask=list(changes),
        )
        return CustomerOut.model_validate(as_data(sales("UpdateCustomer", request)))

    @bp.delete("/customers/<customer_id>")
    @login_required()
    @api.validate(resp=Response("HTTP_204", HTTP_422=Problem, **REFUSALS), **documented)
    def delete_customer(customer_id: str):
        """Delete a customer that has no contacts or deals left (422 otherwise)."""
        sales("DeleteCustomer", pb.GetRequest(id=customer_id))
        return "", 204

    @bp.get("/customers/<customer_id>/contacts")
    @login_required()
    @api.validate(
        query=SalesListQuery, resp=Response(HTTP_200=ContactList, **REFUSALS), **documented
    )
    def customer_contacts(customer_id: str, query: SalesListQuery):
        """The customer's contacts."""
        request = pb.ListContactsRequest(
            customer_id=customer_id,
            q=query.q or "",
            **filters(query, "owner_id"),
            **page_args(query),
        )
        return ContactList.model_validate(list_reply(sales("ListContacts", request)))

    @bp.get("/customers/<customer_id>/deals")
    @login_required()
    @api.validate(query=SalesListQuery, resp=Response(HTTP_200=DealList, **REFUSALS), **documented)
    def customer_deals(customer_id: str, query: SalesListQuery):
        """The customer's deals."""
        request = pb.ListDealsRequest(
            customer_id=customer_id,
            q=query.q or "",
            **filters(query, "owner_id"),
            **page_args(query),
        )
        return DealList.model_validate(list_reply(sales("ListDeals", request)))

    @bp.get("/customers/<customer_id>/timeline")
    @login_required()
    @api.validate(resp=Response(HTTP_200=CustomerTimelineOut, **REFUSALS), **documented)
    def customer_timeline_of(customer_id: str):
        """Everything about the customer newest first, as far as you may see it: contacts,
        deals and stage moves, notes, follow-ups, tickets and survey answers. A service that
        cannot be reached leaves its part out and is named in `missing`."""
        timeline = customer_timeline(current_gateway().deps, sales, desk, customer_id)
        return CustomerTimelineOut.of(timeline)

    return bp
