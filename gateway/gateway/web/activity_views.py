"""The activities block of lead, customer, contact, deal and ticket pages: the record's logged
activities and open tasks, with quick forms to log a call or meeting and to add a task. Same
activities-service calls as /api/v1/activities and /api/v1/tasks.

The block is a macro (templates/activities/record_block.html) that asks `record_activities`,
a template global, for what it shows, so a record page needs only the macro's two lines."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l

from crm_platform.errors import DomainError
from gateway.http.current import clients, current_gateway
from gateway.models.activities import ActivityQuery
from gateway.models.tasks import TaskQuery
from gateway.service.staff_names import display_names
from gateway.web.follow_up_forms import due
from gateway.web.forms import FormErrors, filled, form_context, posted, submit
from gateway.web.session import page

# The record pages the block sits on, by related_type: their endpoint and id argument.
RECORD_PAGES = {
    "lead": ("web.lead", "lead_id"),
    "customer": ("web.customer", "customer_id"),
    "contact": ("web.contact", "contact_id"),
    "deal": ("web.deal", "deal_id"),
    "ticket": ("web.ticket", "ticket_id"),
}
KINDS = {"call": _l("Call"), "meeting": _l("Meeting"), "email": _l("Email")}
ACTIVITY_FIELDS = ("kind", "subject", "notes", "duration_minutes", "outcome")
QUICK_TASK_FIELDS = ("subject", "due_at", "priority")
SHOWN = 20


def record_page(related_type: str, related_id: str) -> str:
    endpoint, argument = RECORD_PAGES[related_type]
    return url_for(endpoint, **{argument: related_id})


def record_activities(related_type: str, related_id: str) -> dict[str, Any]:
    """What the block shows: the newest activities and the open tasks of the record, and who
    wrote or owns them; `unavailable` when the activities service cannot answer (the rest of
    the page still shows)."""
    service = clients().activities
    try:
        activities = service.list_activities(
            ActivityQuery(related_type=related_type, related_id=related_id, page_size=SHOWN)
        ).items
        tasks = service.list_tasks(
            TaskQuery(
                related_type=related_type, related_id=related_id, state="open", page_size=SHOWN
            )
        ).items
    except DomainError:
        return {"unavailable": True, "activities": [], "tasks": [], "names": {}, "kinds": KINDS}
    people = [a.author_id for a in activities] + [t.owner_id for t in tasks]
    names = display_names(current_gateway().deps, people)
    return {"unavailable": False, "activities": activities, "tasks": tasks, "names": names,
            "kinds": KINDS}  # fmt: skip


def add_activity_routes(bp: Blueprint) -> None:
    record = "/records/<related_type>/<related_id>"

    @bp.post(f"{record}/activities")
    @page()
    def log_record_activity(related_type: str, related_id: str):
        values = posted(ACTIVITY_FIELDS)
        fields: dict[str, Any] = {**filled(values), "related_type": related_type,
                                  "related_id": related_id}  # fmt: skip
        if "duration_minutes" in fields:
            fields["duration_minutes"] = _minutes(fields["duration_minutes"])
        call = lambda: clients().activities.log_activity(fields)  # noqa: E731
        return _back(related_type, related_id, call, "activity", values)

    @bp.post(f"{record}/tasks")
    @page()
    def add_record_task(related_type: str, related_id: str):
        values = posted(QUICK_TASK_FIELDS)
        fields: dict[str, Any] = {**filled(values), "related_type": related_type,
                                  "related_id": related_id}  # fmt: skip
        fields["due_at"] = due(values["due_at"]) if values["due_at"] else None
        call = lambda: clients().activities.create_task(fields)  # noqa: E731
        return _back(related_type, related_id, call, "task", values)


def _minutes(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return -1  # refused by the service, beside the field


def _back(related_type: str, related_id: str, call, form: str, values: dict) -> Any:
    """Back to the record's page; a refused form is shown again on a page of its own, with
    what was typed and the service's reasons beside the fields (400)."""
    if related_type not in RECORD_PAGES:
        abort(404)
    try:
        submit(call, ACTIVITY_FIELDS + QUICK_TASK_FIELDS)
    except FormErrors as refused:
        return render_template(
            "activities/quick_form.html",
            form=form,
            related_type=related_type,
            related_id=related_id,
            back=record_page(related_type, related_id),
            kinds=KINDS,
            **form_context(values, refused.errors),
        ), 400
    return redirect(record_page(related_type, related_id) + "?notice=saved")
