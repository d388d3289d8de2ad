"""Notes on a campaign: /api/v1/campaigns/{id}/notes, served by the marketing service."""

from __future__ import annotations

from flask import Blueprint
from spectree import SpecTree

from gateway.entrypoints.documented_route import route_maker
from gateway.http.current import clients
from gateway.models.campaigns import CampaignNoteIn, CampaignNoteList, CampaignNoteOut
from gateway.models.common import ListQuery, Problem


def campaign_notes_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("campaign_notes", __name__, url_prefix="/api/v1/campaigns/<campaign_id>")
    route = route_maker(bp, api, "campaigns")
    changed = {"json": CampaignNoteIn, "HTTP_400": Problem}

    @route("GET", "/notes", query=ListQuery, HTTP_200=CampaignNoteList)
    def list_notes(campaign_id: str, query: ListQuery):
        """The campaign's notes, oldest first."""
        return clients().marketing.list_notes(campaign_id, query)

    @route("POST", "/notes", **changed, HTTP_201=CampaignNoteOut)
    def add_note(campaign_id: str, json: CampaignNoteIn):
        """Add a note; you are its author."""
        return clients().marketing.add_note(campaign_id, json.body), 201

    @route("PATCH", "/notes/<note_id>", **changed, HTTP_200=CampaignNoteOut)
    def update_note(campaign_id: str, note_id: str, json: CampaignNoteIn):
        """Edit a note (its author, a manager or an admin); it is marked edited."""
        return clients().marketing.update_note(campaign_id, note_id, json.body)

    @route("DELETE", "/notes/<note_id>", HTTP_204=None)
    def delete_note(campaign_id: str, note_id: str):
        """Delete a note (its author, a manager or an admin)."""
        clients().marketing.delete_note(campaign_id, note_id)
        return "", 204

    return bp
