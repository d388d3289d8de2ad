"""Notes on a campaign: /api/v1/campaigns/{id}/notes, served by the marketing service."""

from __future__ import annotations

from flask import Blueprint
from spectree import Response, SpecTree

from crm.marketing.v1 import marketing_pb2 as pb
from gateway.adapters.marketing_rpc import list_data, note_data
from gateway.entrypoints.campaigns_api import DOCUMENTED, REFUSALS, marketing
from gateway.entrypoints.security import login_required
from gateway.models.campaigns import CampaignNoteIn, CampaignNoteList, CampaignNoteOut
from gateway.models.common import ListQuery, Problem


def campaign_notes_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("campaign_notes", __name__, url_prefix="/api/v1/campaigns/<campaign_id>")

    @bp.get("/notes")
    @login_required()
    @api.validate(
        query=ListQuery, resp=Response(HTTP_200=CampaignNoteList, **REFUSALS), **DOCUMENTED
    )
    def list_notes(campaign_id: str, query: ListQuery):
        """The campaign's notes, oldest first."""
        request = pb.ListCampaignNotesRequest(
            campaign_id=campaign_id, page_size=query.page_size, page_token=query.page_token or ""
        )
        return CampaignNoteList.model_validate(
            list_data(marketing("ListCampaignNotes", request), note_data)
        )

    @bp.post("/notes")
    @login_required()
    @api.validate(
        json=CampaignNoteIn,
        resp=Response(HTTP_201=CampaignNoteOut, HTTP_400=Problem, **REFUSALS),
        **DOCUMENTED,
    )
    def add_note(campaign_id: str, json: CampaignNoteIn):
        """Add a note; you are its author."""
        request = pb.AddCampaignNoteRequest(campaign_id=campaign_id, body=json.body)
        note = CampaignNoteOut.model_validate(note_data(marketing("AddCampaignNote", request)))
        return note, 201

    @bp.patch("/notes/<note_id>")
    @login_required()
    @api.validate(
        json=CampaignNoteIn,
        resp=Response(HTTP_200=CampaignNoteOut, HTTP_400=Problem, **REFUSALS),
        **DOCUMENTED,
    )
    def update_note(campaign_id: str, note_id: str, json: CampaignNoteIn):
        """Edit a note (its author, a manager or an admin); it is marked edited."""
        request = pb.UpdateCampaignNoteRequest(
            campaign_id=campaign_id, note_id=note_id, body=json.body
        )
        return CampaignNoteOut.model_validate(note_data(marketing("UpdateCampaignNote", request)))

    @bp.delete("/notes/<note_id>")
    @login_required()
    @api.validate(resp=Response("HTTP_204", **REFUSALS), **DOCUMENTED)
    def delete_note(campaign_id: str, note_id: str):
        """Delete a note (its author, a manager or an admin)."""
        marketing(
            "DeleteCampaignNote",
            pb.DeleteCampaignNoteRequest(campaign_id=campaign_id, note_id=note_id),
        )
        return "", 204

    return bp
