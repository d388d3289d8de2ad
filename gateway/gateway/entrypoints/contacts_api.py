"""Contacts: /api/v1/contacts, served by the sales service."""

from __future__ import annotations

from flask import Blueprint
from spectree import SpecTree

from gateway.entrypoints.documented_route import route_maker
from gateway.entrypoints.record_routes import RecordApi, add_record_routes
from gateway.http.current import clients
from gateway.models.contacts import (
    ContactCreate,
    ContactList,
    ContactListQuery,
    ContactOut,
    ContactPatch,
)

CONTACTS = RecordApi(
    "contact",
    lambda: clients().sales.contacts,
    ContactOut,
    ContactList,
    ContactListQuery,
    ContactCreate,
    ContactPatch,
    notes={
        "list": "; `q` searches name, email and mobile",
        "create": " at a customer you can see",
        "delete": " that no deal refers to (422 otherwise)",
    },
    refusals={"delete": (422,)},
)


def contacts_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("contacts", __name__, url_prefix="/api/v1")
    add_record_routes(route_maker(bp, api, "contacts"), CONTACTS)
    return bp
