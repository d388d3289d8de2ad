"""Leads: /api/v1/leads, their conversion and campaign links, served by the sales service."""

from __future__ import annotations

from flask import Blueprint
from spectree import SpecTree

from gateway.entrypoints.documented_route import route_maker
from gateway.entrypoints.record_routes import RecordApi, add_record_routes
from gateway.http.current import clients
from gateway.models.common import Problem
from gateway.models.leads import (
    CampaignLink,
    Converted,
    ConvertLead,
    LeadCreate,
    LeadList,
    LeadListQuery,
    LeadOut,
    LeadPatch,
)

LEADS = RecordApi(
    "lead",
    lambda: clients().sales.leads,
    LeadOut,
    LeadList,
    LeadListQuery,
    LeadCreate,
    LeadPatch,
    notes={
        "list": "; filter by owner, state, source or campaign",
        "create": "; its campaigns are checked with marketing (503 if it cannot answer)",
        "get": " (404 also for another sales rep's lead)",
        "update": "; a converted lead is read-only (409)",
        "delete": " with its notes; a converted lead is kept for history (409)",
    },
    refusals={"update": (409,), "delete": (409,)},
)


def leads_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("leads", __name__, url_prefix="/api/v1")
    route = route_maker(bp, api, "leads")
    add_record_routes(route, LEADS)

    @route(
        "POST",
        "/leads/<lead_id>:convert",
        json=ConvertLead,
        HTTP_200=Converted,
        HTTP_400=Problem,
        HTTP_409=Problem,
    )
    def convert_lead(lead_id: str, json: ConvertLead):
        """Customer (matched by company name or new), contact and optional deal, all or
        nothing; converting twice answers 409."""
        deal = json.deal.model_dump() if json.deal else None
        return clients().sales.convert_lead(lead_id, json.create_deal, deal)

    @route(
        "POST", "/leads/<lead_id>/campaigns", json=CampaignLink, HTTP_200=LeadOut, HTTP_400=Problem
    )
    def bind_campaign(lead_id: str, json: CampaignLink):
        """Link the lead to a campaign (checked with marketing)."""
        return clients().sales.bind_campaign(lead_id, json.campaign_id)

    @route("DELETE", "/leads/<lead_id>/campaigns/<campaign_id>", HTTP_204=None, HTTP_409=Problem)
    def unbind_campaign(lead_id: str, campaign_id: str):
        """Remove the lead's link to a campaign."""
        clients().sales.unbind_campaign(lead_id, campaign_id)
        return "", 204

    return bp
