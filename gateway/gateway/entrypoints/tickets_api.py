"""Tickets: /api/v1/tickets, their transitions, comments and history."""

from __future__ import annotations

from flask import Blueprint, request, url_for
from pydantic import ValidationError
from spectree import SpecTree

from crm_platform.errors import FieldViolation
from gateway.entrypoints.concurrency import etag, versioned_update
from gateway.entrypoints.documented_route import route_maker
from gateway.errors import RequestInvalid
from gateway.http.current import clients
from gateway.models.common import Problem, StaleProblem
from gateway.models.tickets import (
    CommentIn,
    CommentList,
    CommentOut,
    CommentQuery,
    HistoryOut,
    TicketCreate,
    TicketList,
    TicketOut,
    TicketPatch,
    TicketQuery,
    TransitionIn,
)

ACTIONS = ("accept", "start", "resolve", "close", "reopen")


def tickets_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("tickets", __name__, url_prefix="/api/v1")
    route = route_maker(bp, api, "tickets")

    @route("GET", "/tickets", query=TicketQuery, HTTP_200=TicketList, HTTP_400=Problem)
    def list_tickets(query: TicketQuery):
        """Tickets, newest first."""
        return clients().service_desk.list_tickets(query)

    @route("POST", "/tickets", json=TicketCreate, HTTP_201=TicketOut, HTTP_400=Problem)
    def open_ticket(json: TicketCreate):
        """Open a ticket; its SLA target follows from the priority."""
        ticket = clients().service_desk.open_ticket(json.model_dump())
        return ticket, 201, {"Location": url_for("tickets.get_ticket", ticket_id=ticket.id)}

    @route("GET", "/tickets/<ticket_id>", HTTP_200=TicketOut)
    def get_ticket(ticket_id: str):
        """One ticket (ETag: version)."""
        ticket = clients().service_desk.get_ticket(ticket_id)
        return ticket, 200, etag(ticket)

    @route("PATCH", "/tickets/<ticket_id>", json=TicketPatch, HTTP_200=TicketOut, HTTP_400=Problem,
           HTTP_412=StaleProblem)  # fmt: skip
    def update_ticket(ticket_id: str, json: TicketPatch):
        """Change only the fields sent (a new priority moves the SLA target); with the version
        read (If-Match or `version`), refused (412, with the ticket now) when it changed since."""
        desk = clients().service_desk
        return versioned_update(lambda changes: desk.update_ticket(ticket_id, changes), json)

    action_rule = "/tickets/<ticket_id>:<any({}):action>".format(",".join(ACTIONS))

    @route("POST", action_rule, HTTP_200=TicketOut, HTTP_400=Problem, HTTP_405=Problem,
           HTTP_409=Problem)  # fmt: skip
    def transition_ticket(ticket_id: str, action: str):
        """Move the ticket: accept, start, resolve (body `{"resolution"}`), close, reopen.
        An action its state does not allow answers 409 naming those it does; an action not in
        that list answers 405 (the URL is then the ticket itself, which takes no POST)."""
        resolution = _transition_body().resolution or ""
        return clients().service_desk.transition_ticket(ticket_id, action, resolution)

    comments = "/tickets/<ticket_id>/comments"

    @route("GET", comments, query=CommentQuery, HTTP_200=CommentList, HTTP_400=Problem)
    def list_comments(ticket_id: str, query: CommentQuery):
        """Comments under a ticket, oldest first."""
        return clients().service_desk.list_comments(ticket_id, query)

    @route("POST", comments, json=CommentIn, HTTP_201=CommentOut, HTTP_400=Problem)
    def add_comment(ticket_id: str, json: CommentIn):
        """Comment on a ticket."""
        comment = clients().service_desk.add_comment(ticket_id, json.body)
        return comment, 201, {"Location": url_for("tickets.list_comments", ticket_id=ticket_id)}

    @route("GET", "/tickets/<ticket_id>/history", HTTP_200=HistoryOut)
    def ticket_history(ticket_id: str):
        """Every change of the ticket, oldest first, with the fields that changed."""
        return clients().service_desk.ticket_history(ticket_id)

    return bp


def _transition_body() -> TransitionIn:
    """The body is optional (only resolve takes one), so it is read here, not by spectree."""
    try:
        return TransitionIn.model_validate(request.get_json(silent=True) or {})
    except ValidationError as error:
        raise RequestInvalid(
            [FieldViolation(".".join(map(str, e["loc"])), e["msg"]) for e in error.errors()]
        ) from None
