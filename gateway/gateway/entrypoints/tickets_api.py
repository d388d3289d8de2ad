"""Tickets: /api/v1/tickets, their transitions, comments and history."""

from __future__ import annotations

from flask import Blueprint, request, url_for
from pydantic import ValidationError
from spectree import Response, SpecTree

from crm.service_desk.v1 import service_desk_pb2 as pb
from crm_platform.errors import FieldViolation
from gateway.adapters.service_desk_client import desk
from gateway.entrypoints.openapi import BEARER
from gateway.entrypoints.security import login_required
from gateway.errors import RequestInvalid
from gateway.models.common import Problem
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

_REFUSALS = {"HTTP_400": Problem, "HTTP_401": Problem, "HTTP_403": Problem, "HTTP_404": Problem}
ACTIONS = ("accept", "start", "resolve", "close", "reopen")


def tickets_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("tickets", __name__, url_prefix="/api/v1")
    documented = {"tags": ["tickets"], "security": BEARER}

    @bp.get("/tickets")
    @login_required()
    @api.validate(query=TicketQuery, resp=Response(HTTP_200=TicketList, **_REFUSALS), **documented)
    def list_tickets(query: TicketQuery):
        """Tickets, newest first."""
        filters = query.model_dump(exclude={"page_size", "page_token"})
        reply = desk(
            "ListTickets",
            pb.ListTicketsRequest(
                filter=pb.TicketFilter(
                    **{k: v or ("" if k != "sla_breached" else False) for k, v in filters.items()}
                ),
                page_size=query.page_size,
                page_token=query.page_token or "",
            ),
        )
        return TicketList(
            items=[TicketOut.of(m) for m in reply.items],
            next_page_token=reply.next_page_token or None,
            total=reply.total,
        )

    @bp.post("/tickets")
    @login_required()
    @api.validate(json=TicketCreate, resp=Response(HTTP_201=TicketOut, **_REFUSALS), **documented)
    def open_ticket(json: TicketCreate):
        """Open a ticket; its SLA target follows from the priority."""
        request_ = pb.OpenTicketRequest(**{k: v or "" for k, v in json.model_dump().items()})
        ticket = TicketOut.of(desk("OpenTicket", request_))
        return ticket, 201, {"Location": url_for("tickets.get_ticket", ticket_id=ticket.id)}

    @bp.get("/tickets/<ticket_id>")
    @login_required()
    @api.validate(resp=Response(HTTP_200=TicketOut, **_REFUSALS), **documented)
    def get_ticket(ticket_id: str):
        """One ticket."""
        return TicketOut.of(desk("GetTicket", pb.GetTicketRequest(id=ticket_id)))

    @bp.patch("/tickets/<ticket_id>")
    @login_required()
    @api.validate(json=TicketPatch, resp=Response(HTTP_200=TicketOut, **_REFUSALS), **documented)
    def update_ticket(ticket_id: str, json: TicketPatch):
        """Change only the fields sent (a new priority moves the SLA target)."""
        changes = json.model_dump(exclude_unset=True)
        request_ = pb.UpdateTicketRequest(
            id=ticket_id, update_mask=list(changes), **{k: v or "" for k, v in changes.items()}
        )
        return TicketOut.of(desk("UpdateTicket", request_))

    action_rule = "/tickets/<ticket_id>:<any({}):action>".format(",".join(ACTIONS))

    @bp.post(action_rule)
    @login_required()
    @api.validate(
        resp=Response(HTTP_200=TicketOut, HTTP_405=Problem, HTTP_409=Problem, **_REFUSALS),
        **documented,
    )
    def transition_ticket(ticket_id: str, action: str):
        """Move the ticket: accept, start, resolve (body `{"resolution"}`), close, reopen.
        An action its state does not allow answers 409 naming those it does; an action not in
        that list answers 405 (the URL is then the ticket itself, which takes no POST)."""
        body = _transition_body()
        request_ = pb.TransitionTicketRequest(
            id=ticket_id, action=action, resolution=body.resolution or ""
        )
        return TicketOut.of(desk("TransitionTicket", request_))

    @bp.get("/tickets/<ticket_id>/comments")
    @login_required()
    @api.validate(
        query=CommentQuery, resp=Response(HTTP_200=CommentList, **_REFUSALS), **documented
    )
    def list_comments(ticket_id: str, query: CommentQuery):
        """Comments under a ticket, oldest first."""
        reply = desk(
            "ListTicketComments",
            pb.ListTicketCommentsRequest(
                ticket_id=ticket_id, page_size=query.page_size, page_token=query.page_token or ""
            ),
        )
        return CommentList(
            items=[CommentOut.of(m) for m in reply.items],
            next_page_token=reply.next_page_token or None,
            total=reply.total,
        )

    @bp.post("/tickets/<ticket_id>/comments")
    @login_required()
    @api.validate(json=CommentIn, resp=Response(HTTP_201=CommentOut, **_REFUSALS), **documented)
    def add_comment(ticket_id: str, json: CommentIn):
        """Comment on a ticket."""
        reply = desk(
            "AddTicketComment", pb.AddTicketCommentRequest(ticket_id=ticket_id, body=json.body)
        )
        location = url_for("tickets.list_comments", ticket_id=ticket_id)
        return CommentOut.of(reply), 201, {"Location": location}

    @bp.get("/tickets/<ticket_id>/history")
    @login_required()
    @api.validate(resp=Response(HTTP_200=HistoryOut, **_REFUSALS), **documented)
    def ticket_history(ticket_id: str):
        """Every change of the ticket, oldest first, with the fields that changed."""
        return HistoryOut.of(desk("GetTicketHistory", pb.GetTicketRequest(id=ticket_id)))

    return bp


def _transition_body() -> TransitionIn:
    """The body is optional (only resolve takes one), so it is read here, not by spectree."""
    try:
        return TransitionIn.model_validate(request.get_json(silent=True) or {})
    except ValidationError as error:
        raise RequestInvalid(
            [FieldViolation(".".join(map(str, e["loc"])), e["msg"]) for e in error.errors()]
        ) from None
