"""Notes under /api/v1/{leads,customers,contacts,deals}/{id}/notes, served by sales."""

from __future__ import annotations

from flask import Blueprint, url_for
from spectree import SpecTree

from gateway.entrypoints.documented_route import route_maker
from gateway.http.current import clients
from gateway.models.common import Problem
from gateway.models.notes import NoteIn, NoteList, NoteListQuery, NoteOut

SUBJECTS = {"leads": "lead", "customers": "customer", "contacts": "contact", "deals": "deal"}


def notes_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("notes", __name__, url_prefix="/api/v1")
    # One set of routes per area, so the OpenAPI document names each path plainly.
    for area, subject in SUBJECTS.items():
        _note_routes(bp, api, area, subject)
    return bp


def _note_routes(bp: Blueprint, api: SpecTree, area: str, subject: str) -> None:
    route = route_maker(bp, api, area)
    base = f"/{area}/<subject_id>/notes"

    def list_notes(subject_id: str, query: NoteListQuery):
        """Notes on it, newest first."""
        return clients().sales.list_notes(subject, subject_id, query)

    def add_note(subject_id: str, json: NoteIn):
        """Add a note; you are its author."""
        note = clients().sales.add_note(subject, subject_id, json.body)
        location = url_for(f"notes.{area}_list_notes", subject_id=subject_id)
        return note, 201, {"Location": f"{location}/{note.id}"}

    def update_note(subject_id: str, note_id: str, json: NoteIn):
        """Edit a note (its author, a manager or an admin); it then shows as edited."""
        return clients().sales.update_note(subject, subject_id, note_id, json.body)

    def delete_note(subject_id: str, note_id: str):
        """Delete a note (its author, a manager or an admin)."""
        clients().sales.delete_note(subject, subject_id, note_id)
        return "", 204

    # Endpoint names carry the area, so each area's four are routes of their own.
    for view in (list_notes, add_note, update_note, delete_note):
        view.__name__ = f"{area}_{view.__name__}"
    route("GET", base, query=NoteListQuery, HTTP_200=NoteList)(list_notes)
    route("POST", base, json=NoteIn, HTTP_201=NoteOut, HTTP_400=Problem, HTTP_409=Problem)(add_note)
    # A converted lead is read-only: its notes are kept as they were (409).
    conflict = {"HTTP_409": Problem} if subject == "lead" else {}
    edit = route(
        "PATCH", f"{base}/<note_id>", json=NoteIn, HTTP_200=NoteOut, HTTP_400=Problem, **conflict
    )
    edit(update_note)
    route("DELETE", f"{base}/<note_id>", HTTP_204=None, **conflict)(delete_note)
