"""Follow-up pages: the due and overdue after-sale visits, soonest first, and completing one
with its outcome. Same service-desk calls as /api/v1/follow-ups."""

from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, request, url_for

from crm.service_desk.v1 import service_desk_pb2 as pb
from gateway.adapters.service_desk_client import desk
from gateway.http.current import current_gateway
from gateway.models.follow_ups import FollowUpOut
from gateway.service.customer_timeline import display_names
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
        request_message = pb.CompleteFollowUpRequest(id=follow_up_id, outcome=values["outcome"])
        try:
            submit(lambda: desk("CompleteFollowUp", request_message), ("outcome",))
        except FormErrors as refused:
            return follow_ups_page(follow_up_id, values, refused.errors), 400
        kept = {name: value for name, value in request.args.items() if name != "notice"}
        return redirect(url_for("web.follow_ups", **kept, notice="completed"))


def follow_ups_page(failed_id: str | None, values: dict, errors: dict) -> str:
    """The list; `failed_id` is the row whose completion was refused, shown with `errors`
    beside its outcome field and what was typed kept."""
    mine_by_default = not (g.account.roles & DESK)
    who = request.args.get("who") or ("mine" if mine_by_default else "all")
    state = request.args.get("state") or "scheduled"
    overdue = request.args.get("overdue") == "1"
    reply = desk(
        "ListFollowUps",
        pb.ListFollowUpsRequest(
            filter=pb.FollowUpFilter(
                state=state,
                owner_id=g.account.id if who == "mine" else "",
                overdue=overdue,
            ),
            page_size=PAGE_SIZE,
            page_token=request.args.get("page_token", ""),
        ),
    )
    items = [FollowUpOut.of(m) for m in reply.items]
    listing = {"items": items, "next_page_token": reply.next_page_token, "total": reply.total}
    owners = display_names(current_gateway().deps, (f.owner_id for f in items))
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
