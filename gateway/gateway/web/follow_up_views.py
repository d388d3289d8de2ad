"""Follow-up pages: the due and overdue after-sale visits, soonest first, and completing one
with its outcome (new, edit and cancel are follow_up_forms.py's). Same service-desk calls as
/api/v1/follow-ups."""

from __future__ import annotations

from flask import Blueprint, g, redirect, request, url_for
from flask_babel import lazy_gettext as _l

from gateway.http.current import clients
from gateway.web.follow_up_forms import add_follow_up_form_routes
from gateway.web.forms import FormErrors, form_context, posted, submit
from gateway.web.labels import FOLLOW_UP_STATES
from gateway.web.lists import Bulk, Column, Filter, ListSpec, owner_choices, register, render_list
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
            shown = follow_ups_page(follow_up_id, values, refused.errors)
            return (shown[0] if isinstance(shown, tuple) else shown), 400
        kept = {name: value for name, value in request.args.items() if name != "notice"}
        return redirect(url_for("web.follow_ups", **kept, notice="completed"))

    add_follow_up_form_routes(bp, WORKERS)


def follow_ups_page(failed_id: str | None, values: dict, errors: dict):
    """The list; `failed_id` is the row whose completion was refused, shown with `errors`
    beside its outcome field and what was typed kept. A rep sees their own by default, the
    desk everyone's."""
    mine = {"owner_id": g.account.id}
    defaults = {"state": "scheduled", **({} if g.account.roles & DESK else mine)}
    who = request.args.get("who")
    if who:  # the old filter's links: "mine" or "all"
        defaults = {"state": "scheduled", **(mine if who == "mine" else {})}
    return render_list(
        LIST,
        "service/follow_ups.html",
        defaults=defaults,
        failed_id=failed_id,
        **form_context(values, errors),
    )


LIST = register(
    ListSpec(
        kind="follow_ups",
        endpoint="web.follow_ups",
        title=_l("Follow-ups"),
        row="follow-up-id",
        columns=(
            Column("subject", _l("Subject"), sort="subject"),
            Column("due_at", _l("Due"), sort="due_at"),
            Column("priority", _l("Priority")),
            Column("state", _l("State")),
            Column("owner_id", _l("Owner")),
            Column("created_at", _l("Created"), sort="created_at"),
        ),
        filters=(
            Filter("owner_id", _l("Owner"), options=owner_choices),
            Filter("state", _l("State"), options=lambda: FOLLOW_UP_STATES),
            Filter("overdue", _l("Overdue only"), "checkbox"),
            Filter("created_from", _l("Created from"), "date"),
            Filter("created_to", _l("Created to"), "date"),
        ),
        bulk=(Bulk("reassign", _l("Reassign to"), owner_choices), Bulk("cancel", _l("Cancel"))),
    )
)
