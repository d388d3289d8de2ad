"""Ticket pages: the queue by SLA due time with breached ones marked, a ticket's page with its
transitions, comments and history, and its edit form (subject, category, priority, assignee).
Same service-desk calls as /api/v1/tickets."""

from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, request, url_for

from gateway.http.current import clients, current_gateway
from gateway.models.desk_common import PageQuery
from gateway.models.surveys import SurveyQuery
from gateway.models.tickets import TicketOut, TicketQuery
from gateway.service.staff_names import display_names, staff_choices
from gateway.web.customer_views import customer_choices
from gateway.web.forms import FORM_ERROR, FormErrors, form_context, form_post, posted, submit
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
EDIT_FIELDS = ("subject", "category", "priority", "assignee_id")
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


def add_ticket_routes(bp: Blueprint) -> None:
    @bp.get("/tickets")
    @page(*DESK)
    def tickets():
        state, priority = request.args.get("state", ""), request.args.get("priority", "")
        items, total = [], 0
        for each in (state,) if state else OPEN_STATES:
            # Not validated here: the service desk checks the filters (a 400 page for a bad one).
            query = TicketQuery.model_construct(state=each, priority=priority, page_size=QUEUE_SIZE)
            listing = clients().service_desk.list_tickets(query)
            items += listing.items
            total += listing.total
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
            try:
                opened = submit(
                    lambda: clients().service_desk.open_ticket(values), NEW_TICKET_FIELDS
                )
            except FormErrors as refused:
                return ticket_form(values, refused.errors), 400
            return redirect(url_for("web.ticket", ticket_id=opened.id, notice="saved"))
        return ticket_form(values, {})

    @bp.get("/tickets/<ticket_id>")
    @page(*DESK)
    def ticket(ticket_id: str):
        return ticket_page(clients().service_desk.get_ticket(ticket_id), {}, {})

    @bp.route("/tickets/<ticket_id>/edit", methods=["GET", "POST"])
    @page(*DESK)
    def edit_ticket(ticket_id: str):
        desk = clients().service_desk
        if request.method == "POST":
            return form_post(
                EDIT_FIELDS,
                # No assignee clears it (None), as the API's null does.
                lambda values: desk.update_ticket(
                    ticket_id, {**values, "assignee_id": values["assignee_id"] or None}
                ),
                lambda values, errors: ticket_edit_form(values, errors, desk.get_ticket(ticket_id)),
                lambda _: url_for("web.ticket", ticket_id=ticket_id, notice="saved"),
            )
        ticket = desk.get_ticket(ticket_id)
        values = {name: getattr(ticket, name) or "" for name in EDIT_FIELDS}
        values["version"] = str(ticket.version)
        return ticket_edit_form(values, {}, ticket)

    @bp.post("/tickets/<ticket_id>/transition")
    @page(*DESK)
    def transition_ticket(ticket_id: str):
        values = posted(("action", "resolution"))
        desk = clients().service_desk
        try:
            submit(lambda: desk.transition_ticket(ticket_id, **values), ("resolution",))
        except FormErrors as refused:
            # A move its state does not allow is a conflict; a missing resolution is bad input.
            status = 409 if FORM_ERROR in refused.errors else 400
            return ticket_page(desk.get_ticket(ticket_id), values, refused.errors), status
        return redirect(url_for("web.ticket", ticket_id=ticket_id, notice="saved"))

    @bp.post("/tickets/<ticket_id>/take")
    @page(*DESK)
    def take_ticket(ticket_id: str):
        """Assign the ticket to oneself, so the queue shows who works it."""
        clients().service_desk.update_ticket(ticket_id, {"assignee_id": g.account.id})
        return redirect(url_for("web.ticket", ticket_id=ticket_id, notice="saved"))

    @bp.post("/tickets/<ticket_id>/comments")
    @page(*DESK)
    def add_ticket_comment(ticket_id: str):
        values = posted(("body",))
        desk = clients().service_desk
        try:
            submit(lambda: desk.add_comment(ticket_id, values["body"]), ("body",))
        except FormErrors as refused:
            return ticket_page(desk.get_ticket(ticket_id), values, refused.errors), 400
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


def ticket_edit_form(values: dict, errors: dict, ticket: TicketOut) -> str:
    return render_template(
        "service/ticket_edit.html",
        ticket_id=ticket.id,
        subject=ticket.subject,  # as stored: the heading names the ticket being edited
        assignees=staff_choices(current_gateway().deps, frozenset(DESK), values.get("assignee_id")),
        categories=TICKET_CATEGORIES,
        priorities=TICKET_PRIORITIES,
        **form_context(values, errors),
    )


def ticket_page(ticket: TicketOut, values: dict, errors: dict) -> str:
    desk = clients().service_desk
    comments = desk.list_comments(ticket.id, PageQuery(page_size=200)).items
    # A resolved ticket's satisfaction survey: its link goes to the customer, its score back.
    surveys = desk.list_surveys(SurveyQuery(ticket_id=ticket.id)).items
    history = desk.ticket_history(ticket.id).items
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
