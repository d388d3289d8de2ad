"""The Tasks page: the caller's (or everyone's) tasks, soonest due first, a form to add one and
one-click completion. Same activities-service calls as /api/v1/tasks."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from gateway.http.current import clients, current_gateway
from gateway.models.tasks import TaskQuery
from gateway.service.staff_names import display_names
from gateway.web.activity_views import add_activity_routes, record_activities, record_page
from gateway.web.follow_up_forms import due
from gateway.web.forms import FormErrors, filled, form_context, posted, submit
from gateway.web.session import page

TASK_STATES = {"open": _l("Open"), "done": _l("Done"), "cancelled": _l("Cancelled")}
PRIORITIES = {"low": _l("Low"), "normal": _l("Normal"), "high": _l("High"), "urgent": _l("Urgent")}
NEW_FIELDS = ("subject", "due_at", "priority", "reminder_minutes", "description")
# Managers see everyone's by default; anyone else their own.
MANAGERS = frozenset({"admin", "manager"})
PAGE_SIZE = 50


def add_task_routes(bp: Blueprint) -> None:
    """The Tasks page, and the record block's quick forms and helpers (activity_views)."""
    add_activity_routes(bp)
    # Every page's template may show a record's block, so its helpers are app-wide globals.
    bp.add_app_template_global(record_activities, "record_activities")
    bp.add_app_template_global(record_page, "record_page")

    @bp.get("/tasks")
    @page()
    def tasks():
        return tasks_page({}, {}), 200

    @bp.post("/tasks")
    @page()
    def new_task():
        values = posted(NEW_FIELDS)
        fields: dict[str, Any] = filled(values)
        fields["due_at"] = due(values["due_at"]) if values["due_at"] else None
        if "reminder_minutes" in fields:
            fields["reminder_minutes"] = _number(fields["reminder_minutes"])
        try:
            submit(lambda: clients().activities.create_task(fields), NEW_FIELDS)
        except FormErrors as refused:
            return tasks_page(values, refused.errors), 400
        return redirect(url_for("web.tasks", notice="saved"))

    @bp.post("/tasks/<task_id>/complete")
    @page()
    def complete_task(task_id: str):
        outcome = request.form.get("outcome", "").strip()
        try:
            submit(lambda: clients().activities.complete_task(task_id, outcome))
        except FormErrors as refused:
            return tasks_page({}, refused.errors), 400
        back = request.form.get("back", "")
        # Only a page of this site: the record page the block was on, or the list.
        if back.startswith("/ui/") and not back.startswith("//"):
            return redirect(back)
        return redirect(url_for("web.tasks", notice="saved"))


def _number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return -2  # the service refuses it beside the field


def tasks_page(values: dict, errors: dict) -> str:
    who = request.args.get("who") or ("all" if g.account.roles & MANAGERS else "mine")
    state = request.args.get("state") or "open"
    overdue = request.args.get("overdue") == "1"
    # Not validated here: the service checks the filters (a 400 page for a bad one).
    query = TaskQuery.model_construct(
        owner_id=g.account.id if who == "mine" else None,
        state=state if state in TASK_STATES else None,
        overdue=overdue,
        page_size=PAGE_SIZE,
        page_token=request.args.get("page_token"),
    )
    listing = clients().activities.list_tasks(query)
    owners = display_names(current_gateway().deps, (t.owner_id for t in listing.items))
    return render_template(
        "tasks/list.html",
        listing=listing,
        owners=owners,
        who=who,
        state=state,
        overdue=overdue,
        states=TASK_STATES,
        priorities=PRIORITIES,
        **form_context({"priority": "normal", "reminder_minutes": "15", **values}, errors),
    )
