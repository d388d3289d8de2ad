"""Ticket pages: the queue by SLA due time with breached ones marked, and a ticket's page with
its transitions, comments and history. Same service-desk calls as /api/v1/tickets."""

from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, request, url_for

from crm.service_desk.v1 import service_desk_pb2 as pb
from gateway.adapters.service_desk_client import desk
from gateway.http.current import current_gateway
from gateway.models.surveys import SurveyOut
from gateway.models.tickets import CommentOut, HistoryOut, TicketOut
from gateway.service.customer_timeline import display_names
from gateway.web.customer_views import customer_choices
from gateway.web.forms import FORM_ERROR, FormErrors, form_context, posted, submit
from gateway.web.labels import (
    TICKET_CATEGORIES,
    TICKET_CHANNELS,
    TICKET_PRIORITIES,
    TICKET_STATES,
)
from gateway.web.session import page

DESK = ("admin", "manager", "service")
OPEN_STATES = ("new", "accepted", "in_progress")
NEW_TICKET_FIELDS = ("customer_id", "subject", "category", "priority", "channel", "description")
QUEUE_SIZE = 200  # the most one list call returns, per state
# Which buttons a ticket shows. Only a hint for the page: the service desk decides, and a move
# made illegal meanwhile (another agent was quicker) comes back with its own message.
BUTTONS = {
    "new": ("accept",),
    "accepted": ("start",),
    "in_progress": ("resolve",),
    "resolved": ("close", "reopen"),
    "closed": ("reopen",),
}


def get_ticket(ticket_id: str) -> TicketOut:
    return TicketOut.of(desk("GetTicket", pb.GetTicketRequest(id=ticket_id)))


def add_ticket_routes(bp: Blueprint) -> None:
    @bp.get("/tickets")
    @page(*DESK)
    def tickets():
        state, priority = request.args.get("state", ""), request.args.get("priority", "")
        items, total = [], 0
        for each in (state,) if state else OPEN_STATES:
            reply = desk(
                "ListTickets",
                pb.ListTicketsRequest(
                    filter=pb.TicketFilter(state=each, priority=priority), page_size=QUEUE_SIZE
                ),
            )
            items += [TicketOut.of(m) for m in reply.items]
            total += reply.total
        # The service lists newest first; a queue is worked by what falls due first.
        items.sort(key=lambda ticket: ticket.sla_due_at)
        # Not `names`: base.html sets that for the menu, over the page's own.
        staff = display_names(current_gateway().deps, (t.assignee_id for t in items))
        return render_template(
            "service/tickets.html",
            items=items,
            total=total,
            staff=staff,
            state=state,
            priority=priority,
            states=TICKET_STATES,
            priorities=TICKET_PRIORITIES,
        )

    @bp.route("/tickets/new", methods=["GET", "POST"])
    @page(*DESK)
    def new_ticket():
        values = {"customer_id": request.args.get("customer_id", ""), "priority": "normal"}
        if request.method == "POST":
            values = posted(NEW_TICKET_FIELDS)
            request_message = pb.OpenTicketRequest(**values)
            try:
                opened = submit(lambda: desk("OpenTicket", request_message), NEW_TICKET_FIELDS)
            except FormErrors as refused:
                return ticket_form(values, refused.errors), 400
            return redirect(url_for("web.ticket", ticket_id=opened.id, notice="saved"))
        return ticket_form(values, {})

    @bp.get("/tickets/<ticket_id>")
    @page(*DESK)
    def ticket(ticket_id: str):
        return ticket_page(get_ticket(ticket_id), {}, {})

    @bp.post("/tickets/<ticket_id>/transition")
    @page(*DESK)
    def transition_ticket(ticket_id: str):
        values = posted(("action", "resolution"))
        request_message = pb.TransitionTicketRequest(
            id=ticket_id, action=values["action"], resolution=values["resolution"]
        )
        try:
            submit(lambda: desk("TransitionTicket", request_message), ("resolution",))
        except FormErrors as refused:
            # A move its state does not allow is a conflict; a missing resolution is bad input.
            status = 409 if FORM_ERROR in refused.errors else 400
            return ticket_page(get_ticket(ticket_id), values, refused.errors), status
        return redirect(url_for("web.ticket", ticket_id=ticket_id, notice="saved"))

    @bp.post("/tickets/<ticket_id>/take")
    @page(*DESK)
    def take_ticket(ticket_id: str):
        """Assign the ticket to oneself, so the queue shows who works it."""
        request_message = pb.UpdateTicketRequest(
            id=ticket_id, update_mask=["assignee_id"], assignee_id=g.account.id
        )
        desk("UpdateTicket", request_message)
        return redirect(url_for("web.ticket", ticket_id=ticket_id, notice="saved"))

    @bp.post("/tickets/<ticket_id>/comments")
    @page(*DESK)
    def add_ticket_comment(ticket_id: str):
        values = posted(("body",))
        request_message = pb.AddTicketCommentRequest(ticket_id=ticket_id, body=values["body"])
        try:
            submit(lambda: desk("AddTicketComment", request_message), ("body",))
        except FormErrors as refused:
            return ticket_page(get_ticket(ticket_id), values, refused.errors), 400
        return redirect(url_for("web.ticket", ticket_id=ticket_id, _anchor="comments"))


def ticket_form(values: dict, errors: dict) -> str:
    return render_template(
        "service/ticket_form.html",
        customers=customer_choices(values.get("customer_id")),
        categories=TICKET_CATEGORIES,
        priorities=TICKET_PRIORITIES,
        channels=TICKET_CHANNELS,
        **form_context(values, errors),
    )


def ticket_page(ticket: TicketOut, values: dict, errors: dict) -> str:
    comments = [
        CommentOut.of(m)
        for m in desk(
            "ListTicketComments", pb.ListTicketCommentsRequest(ticket_id=ticket.id, page_size=200)
        ).items
    ]
    # A resolved ticket's satisfaction survey: its link goes to the customer, its score back.
    surveys = [
        SurveyOut.of(m)
        for m in desk("ListSurveys", pb.ListSurveysRequest(ticket_id=ticket.id)).items
    ]
    history = HistoryOut.of(desk("GetTicketHistory", pb.GetTicketRequest(id=ticket.id))).items
    people = [ticket.assignee_id, ticket.reporter_id, *(c.author_id for c in comments)]
    people += [entry.actor_id for entry in history]
    return render_template(
        "service/ticket.html",
        ticket=ticket,
        comments=comments,
        surveys=surveys,
        history=history,
        staff=display_names(current_gateway().deps, people),
        buttons=BUTTONS.get(ticket.state, ()),
        **form_context(values, errors),
    )
