"""Contacts: /api/v1/contacts, served by the sales service."""

from __future__ import annotations

from flask import Blueprint, url_for
from spectree import Response, SpecTree

from crm.sales.v1 import sales_pb2 as pb
from gateway.clients.messages import as_data, input_message
from gateway.entrypoints.openapi import BEARER, REFUSALS
from gateway.entrypoints.sales_calls import filters, list_reply, page_args, sales
from gateway.entrypoints.security import login_required
from gateway.models.common import Problem
from gateway.models.contacts import (
    ContactCreate,
    ContactList,
    ContactListQuery,
    ContactOut,
    ContactPatch,
)


def contacts_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("contacts", __name__, url_prefix="/api/v1")
    documented = {"tags": ["contacts"], "security": BEARER}

    @bp.get("/contacts")
    @login_required()
    @api.validate(
        query=ContactListQuery, resp=Response(HTTP_200=ContactList, **REFUSALS), **documented
    )
    def list_contacts(query: ContactListQuery):
        """Contacts you may see, newest first; `q` searches name, email and mobile."""
        request = pb.ListContactsRequest(
            q=query.q or "", **filters(query, "owner_id", "customer_id"), **page_args(query)
        )
        return ContactList.model_validate(list_reply(sales("ListContacts", request)))

    @bp.post("/contacts")
    @login_required()
    @api.validate(
        json=ContactCreate,
        resp=Response(HTTP_201=ContactOut, HTTP_400=Problem, **REFUSALS),
        **documented,
    )
    def create_contact(json: ContactCreate):
        """Create a contact at a customer you can see."""
        request = pb.CreateContactRequest(contact=input_message(pb.ContactInput, json.model_dump()))
        contact = ContactOut.model_validate(as_data(sales("CreateContact", request)))
        return contact, 201, {"Location": url_for("contacts.get_contact", contact_id=contact.id)}

    @bp.get("/contacts/<contact_id>")
    @login_required()
    @api.validate(resp=Response(HTTP_200=ContactOut, **REFUSALS), **documented)
    def get_contact(contact_id: str):
        """One contact."""
        return ContactOut.model_validate(as_data(sales("GetContact", pb.GetRequest(id=contact_id))))

    @bp.patch("/contacts/<contact_id>")
    @login_required()
    @api.validate(
        json=ContactPatch,
        resp=Response(HTTP_200=ContactOut, HTTP_400=Problem, **REFUSALS),
        **documented,
    )
    def update_contact(contact_id: str, json: ContactPatch):
        """Change only the fields sent."""
        changes = json.model_dump(exclude_unset=True)
        request = pb.UpdateContactRequest(
            id=contact_id,
            contact=input_message(pb.ContactInput, changes),
            update_mask=list(changes),
        )
        return ContactOut.model_validate(as_data(sales("UpdateContact", request)))

    @bp.delete("/contacts/<contact_id>")
    @login_required()
    @api.validate(resp=Response("HTTP_204", HTTP_422=Problem, **REFUSALS), **documented)
    def delete_contact(contact_id: str):
        """Delete a contact that no deal refers to (422 otherwise)."""
        sales("DeleteContact", pb.GetRequest(id=contact_id))
        return "", 204

    return bp
