"""A note edited or deleted in place on its record's page (a lead's, contact's, deal's or
campaign's), through the same calls as the notes API: sales' for the first three, marketing's
for a campaign's. The service decides who may (the author, a manager, an admin).

The customer's page shows its notes in the timeline, which is built from events; a note's
edit and delete publish none yet, so they are not offered there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Blueprint, redirect, request, url_for

from gateway.http.current import clients
from gateway.web.campaign_views import campaign_page
from gateway.web.contact_views import contact_page
from gateway.web.deal_views import deal_page
from gateway.web.forms import FormErrors, submit
from gateway.web.lead_views import lead_page
from gateway.web.session import page

WRITERS = ("admin", "manager", "marketing", "sales")


@dataclass(frozen=True)
class NotesOf:
    subject: str  # sales' subject, or "campaign" (marketing's notes)
    endpoint: str  # the record's page
    key: str  # the record's id in that page's URL
    page: Callable[[str, dict, dict], str]  # that page, with a refused note form on it


AREAS = {
    "leads": NotesOf(
        "lead", "web.lead", "lead_id", lambda i, v, e: lead_page(clients().sales.leads.get(i), v, e)
    ),
    "contacts": NotesOf(
        "contact",
        "web.contact",
        "contact_id",
        lambda i, v, e: contact_page(clients().sales.contacts.get(i), v, e),
    ),
    "deals": NotesOf("deal", "web.deal", "deal_id", deal_page),
    "campaigns": NotesOf("campaign", "web.campaign", "campaign_id", campaign_page),
}
NOTE = "/<any(leads, contacts, deals, campaigns):area>/<record_id>/notes/<note_id>"


def add_note_routes(bp: Blueprint) -> None:
    @bp.post(NOTE)
    @page(*WRITERS)
    def edit_note(area: str, record_id: str, note_id: str):
        notes, body = AREAS[area], request.form.get("body", "").strip()
        try:
            submit(lambda: update_note(notes.subject, record_id, note_id, body), ("body",))
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
        notes = AREAS[area]
        if notes.subject == "campaign":
            clients().marketing.delete_note(record_id, note_id)
        else:
            clients().sales.delete_note(notes.subject, record_id, note_id)
        anchor = "notes"
        return redirect(
            url_for(notes.endpoint, notice="deleted", _anchor=anchor, **{notes.key: record_id})
        )


def back_to(notes: NotesOf, record_id: str, notice: str, anchor: str):
    """The record's page at `anchor`, saying `notice`."""
    return redirect(
        url_for(notes.endpoint, notice=notice, _anchor=anchor, **{notes.key: record_id})
    )


def update_note(subject: str, record_id: str, note_id: str, body: str) -> object:
    if subject == "campaign":
        return clients().marketing.update_note(record_id, note_id, body)
    return clients().sales.update_note(subject, record_id, note_id, body)
