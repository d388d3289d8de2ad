"""Notes added, edited and deleted in place on their record's page (a lead's, contact's,
deal's or campaign's), through the same calls as the notes API: sales' for the first three,
marketing's for a campaign's. Each kind's page roles may post; the service decides the rest
(a note is changed by its author, a manager or an admin).

The customer's page shows its notes in the timeline, which is built from events; a note's
edit and delete publish none yet, so they are not offered there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Blueprint, abort, g, redirect, request, url_for

from gateway.http.current import clients
from gateway.web.campaign_views import campaign_page
from gateway.web.contact_views import contact_page
from gateway.web.deal_views import deal_page
from gateway.web.forms import FormErrors, form_post, submit
from gateway.web.lead_views import lead_page
from gateway.web.session import page

WRITERS = ("admin", "manager", "marketing", "sales")
SALES, MARKETING = (
    frozenset({"admin", "manager", "sales"}),
    frozenset({"admin", "manager", "marketing"}),
)


@dataclass(frozen=True)
class NotesOf:
    subject: str  # sales' subject, or "campaign" (marketing's notes)
    endpoint: str  # the record's page
    key: str  # the record's id in that page's URL
    page: Callable[[str, dict, dict], str]  # that page, with a refused note form on it
    writers: frozenset[str]  # the roles of that page that may post a note


AREAS = {
    "leads": NotesOf(
        "lead",
        "web.lead",
        "lead_id",
        lambda i, v, e: lead_page(clients().sales.leads.get(i), v, e),
        SALES | MARKETING,
    ),
    "contacts": NotesOf(
        "contact",
        "web.contact",
        "contact_id",
        lambda i, v, e: contact_page(clients().sales.contacts.get(i), v, e),
        SALES,
    ),
    "deals": NotesOf("deal", "web.deal", "deal_id", deal_page, SALES),
    "campaigns": NotesOf("campaign", "web.campaign", "campaign_id", campaign_page, MARKETING),
}
NOTES = "/<any(leads, contacts, deals, campaigns):area>/<record_id>/notes"
NOTE = f"{NOTES}/<note_id>"


def add_note_routes(bp: Blueprint) -> None:
    @bp.post(NOTES)
    @page(*WRITERS)
    def add_note(area: str, record_id: str):
        notes = writable(area)
        return form_post(
            ("body",),
            lambda values: call_notes(notes.subject, "add", record_id, values["body"]),
            lambda values, errors: notes.page(record_id, values, errors),
            lambda _: url_for(notes.endpoint, _anchor="notes", **{notes.key: record_id}),
        )

    @bp.post(NOTE)
    @page(*WRITERS)
    def edit_note(area: str, record_id: str, note_id: str):
        notes, body = writable(area), request.form.get("body", "").strip()
        try:
            submit(lambda: call_notes(notes.subject, "update", record_id, note_id, body), ("body",))
        except FormErrors as refused:
            values = {"note_id": note_id, "body": body}
            return notes.page(record_id, values, refused.errors), 400
        anchor = f"note-{note_id}"
        return redirect(
            url_for(notes.endpoint, notice="saved", _anchor=anchor, **{notes.key: record_id})
        )

    @bp.post(f"{NOTE}/delete")
    @page(*WRITERS)
    def delete_note(area: str, record_id: str, note_id: str):
        notes = writable(area)
        call_notes(notes.subject, "delete", record_id, note_id)
        anchor = "notes"
        return redirect(
            url_for(notes.endpoint, notice="deleted", _anchor=anchor, **{notes.key: record_id})
        )


def back_to(notes: NotesOf, record_id: str, notice: str, anchor: str):
    """The record's page at `anchor`, saying `notice`."""
    return redirect(
        url_for(notes.endpoint, notice=notice, _anchor=anchor, **{notes.key: record_id})
    )


def writable(area: str) -> NotesOf:
    """The area's notes, if the caller's roles may post on its pages (403 otherwise)."""
    notes = AREAS[area]
    if not g.account.roles & notes.writers:
        abort(403)
    return notes


def call_notes(subject: str, verb: str, record_id: str, *args: str) -> object:
    """`verb` ("add", "update", "delete") of the notes client: marketing's for a campaign
    (which knows only its own notes), sales' with the subject for the others."""
    if subject == "campaign":
        return getattr(clients().marketing, f"{verb}_note")(record_id, *args)
    return getattr(clients().sales, f"{verb}_note")(subject, record_id, *args)
