"""Follow-up pages: the due and overdue after-sale visits, soonest first, and completing one
with its outcome (new, edit and cancel are follow_up_forms.py's). Same service-desk calls as
/api/v1/follow-ups."""

from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, request, url_for

from gateway.http.current import clients, current_gateway
from gateway.models.follow_ups import FollowUpQuery
from gateway.service.staff_names import display_names
from gateway.web.follow_up_forms import add_follow_up_form_routes
from gateway.web.forms import FormErrors, form_context, posted, submit
from gateway.web.labels import FOLLOW_UP_STATES
from gateway.web.session import page

# A rep works the follow-ups of their own won deals; the desk works everyone's.
WORKERS = ("admin", "manager", "service", "sales")
DESK = frozenset({"admin", "manager", "service"})
PAGE_SIZE = 50


def add_follow_up_routes(bp: Blueprint) -> None:
    @bp.get("/follow-ups")
    @page(*WORKERS)
    def follow_ups():
        return follow_ups_page(None, {}, {})

    @bp.post("/follow-ups/<follow_up_id>/complete")
    @page(*WORKERS)
    def complete_follow_up(follow_up_id: str):
        values = posted(("outcome",))
        desk = clients().service_desk
        try:
            submit(lambda: desk.complete_follow_up(follow_up_id, values["outcome"]), ("outcome",))
        except FormErrors as refused:
            return follow_ups_page(follow_up_id, values, refused.errors), 400
        kept = {name: value for name, value in request.args.items() if name != "notice"}
        return redirect(url_for("web.follow_ups", **kept, notice="completed"))

    add_follow_up_form_routes(bp, WORKERS)


def follow_ups_page(failed_id: str | None, values: dict, errors: dict) -> str:
    """The list; `failed_id` is the row whose completion was refused, shown with `errors`
    beside its outcome field and what was typed kept."""
    mine_by_default = not (g.account.roles & DESK)
    who = request.args.get("who") or ("mine" if mine_by_default else "all")
    state = request.args.get("state") or "scheduled"
    overdue = request.args.get("overdue") == "1"
    # Not validated here: the service desk checks the filters (a 400 page for a bad one).
    query = FollowUpQuery.model_construct(
        state=state,
        owner_id=g.account.id if who == "mine" else None,
        overdue=overdue,
        page_size=PAGE_SIZE,
        page_token=request.args.get("page_token"),
    )
    listing = clients().service_desk.list_follow_ups(query)
    owners = display_names(current_gateway().deps, (f.owner_id for f in listing.items))
    return render_template(
        "service/follow_ups.html",
        listing=listing,
        owners=owners,
        who=who,
        state=state,
        overdue=overdue,
        states=FOLLOW_UP_STATES,
        failed_id=failed_id,
        **form_context(values, errors),
    )
