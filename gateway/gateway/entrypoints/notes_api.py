"""Notes under /api/v1/{leads,customers,contacts,deals}/{id}/notes, served by sales."""

from __future__ import annotations

from flask import Blueprint, url_for
from spectree import Response, SpecTree

from crm.sales.v1 import sales_pb2 as pb
from gateway.clients.messages import as_data
from gateway.entrypoints.openapi import BEARER, REFUSALS
from gateway.entrypoints.sales_calls import list_reply, page_args, sales
from gateway.entrypoints.security import login_required
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
    documented = {"tags": [area], "security": BEARER}
    base = f"/{area}/<subject_id>/notes"

    @login_required()
    @api.validate(query=NoteListQuery, resp=Response(HTTP_200=NoteList, **REFUSALS), **documented)
    def list_notes(subject_id: str, query: NoteListQuery):
        """Notes on it, newest first."""
        request = pb.ListNotesRequest(subject=subject, subject_id=subject_id, **page_args(query))
        return NoteList.model_validate(list_reply(sales("ListNotes", request)))

    @login_required()
    @api.validate(
        json=NoteIn,
        resp=Response(HTTP_201=NoteOut, HTTP_400=Problem, HTTP_409=Problem, **REFUSALS),
        **documented,
    )
    def add_note(subject_id: str, json: NoteIn):
        """Add a note; you are its author."""
        request = pb.AddNoteRequest(subject=subject, subject_id=subject_id, body=json.body)
        note = NoteOut.model_validate(as_data(sales("AddNote", request)))
        location = url_for(f"notes.{area}_list_notes", subject_id=subject_id)
        return note, 201, {"Location": f"{location}/{note.id}"}

    @login_required()
    @api.validate(
        json=NoteIn, resp=Response(HTTP_200=NoteOut, HTTP_400=Problem, **REFUSALS), **documented
    )
    def update_note(subject_id: str, note_id: str, json: NoteIn):
        """Edit a note (its author, a manager or an admin); it then shows as edited."""
        request = pb.UpdateNoteRequest(
            subject=subject, subject_id=subject_id, note_id=note_id, body=json.body
        )
        return NoteOut.model_validate(as_data(sales("UpdateNote", request)))

    @login_required()
    @api.validate(resp=Response("HTTP_204", **REFUSALS), **documented)
    def delete_note(subject_id: str, note_id: str):
        """Delete a note (its author, a manager or an admin)."""
        sales("DeleteNote", pb.NoteRef(subject=subject, subject_id=subject_id, note_id=note_id))
        return "", 204

    bp.add_url_rule(base, f"{area}_list_notes", list_notes, methods=["GET"])
    bp.add_url_rule(base, f"{area}_add_note", add_note, methods=["POST"])
    bp.add_url_rule(f"{base}/<note_id>", f"{area}_update_note", update_note, methods=["PATCH"])
    bp.add_url_rule(f"{base}/<note_id>", f"{area}_delete_note", delete_note, methods=["DELETE"])
