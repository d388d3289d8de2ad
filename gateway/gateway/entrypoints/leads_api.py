"""Leads: /api/v1/leads, their conversion and campaign links, served by the sales service."""

from __future__ import annotations

from flask import Blueprint, url_for
from spectree import Response, SpecTree

from crm.sales.v1 import sales_pb2 as pb
from gateway.clients.messages import as_data, input_message
from gateway.entrypoints.openapi import BEARER, REFUSALS
from gateway.entrypoints.sales_calls import filters, list_reply, page_args, sales
from gateway.entrypoints.security import login_required
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


def leads_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("leads", __name__, url_prefix="/api/v1")
    documented = {"tags": ["leads"], "security": BEARER}

    @bp.get("/leads")
    @login_required()
    @api.validate(query=LeadListQuery, resp=Response(HTTP_200=LeadList, **REFUSALS), **documented)
    def list_leads(query: LeadListQuery):
        """Leads you may see, newest first; filter by owner, state, source or campaign."""
        request = pb.ListLeadsRequest(
            q=query.q or "",
            **filters(query, "owner_id", "state", "source", "campaign_id"),
            **page_args(query),
        )
        return LeadList.model_validate(list_reply(sales("ListLeads", request)))

    @bp.post("/leads")
    @login_required()
    @api.validate(
        json=LeadCreate,
        resp=Response(HTTP_201=LeadOut, HTTP_400=Problem, **REFUSALS),
        **documented,
    )
    def create_lead(json: LeadCreate):
        """Create a lead; its campaigns are checked with marketing (503 if it cannot answer)."""
        lead_input = input_message(pb.LeadInput, json.model_dump())
        lead = LeadOut.model_validate(
            as_data(sales("CreateLead", pb.CreateLeadRequest(lead=lead_input)))
        )
        return lead, 201, {"Location": url_for("leads.get_lead", lead_id=lead.id)}

    @bp.get("/leads/<lead_id>")
    @login_required()
    @api.validate(resp=Response(HTTP_200=LeadOut, **REFUSALS), **documented)
    def get_lead(lead_id: str):
        """One lead (404 also for another sales rep's lead)."""
        return LeadOut.model_validate(as_data(sales("GetLead", pb.GetRequest(id=lead_id))))

    @bp.patch("/leads/<lead_id>")
    @login_required()
    @api.validate(
        json=LeadPatch,
        resp=Response(HTTP_200=LeadOut, HTTP_400=Problem, HTTP_409=Problem, **REFUSALS),
        **documented,
    )
    def update_lead(lead_id: str, json: LeadPatch):
        """Change only the fields sent; a converted lead is read-only (409)."""
        changes = json.model_dump(exclude_unset=True)
        request = pb.UpdateLeadRequest(
            id=lead_id, lead=input_message(pb.LeadInput, changes), update_mask=list(changes)
        )
        return LeadOut.model_validate(as_data(sales("UpdateLead", request)))

    @bp.delete("/leads/<lead_id>")
    @login_required()
    @api.validate(resp=Response("HTTP_204", HTTP_409=Problem, **REFUSALS), **documented)
    def delete_lead(lead_id: str):
        """Delete a lead with its notes; a converted lead is kept for history (409)."""
        sales("DeleteLead", pb.GetRequest(id=lead_id))
        return "", 204

    @bp.post("/leads/<lead_id>:convert")
    @login_required()
    @api.validate(
        json=ConvertLead,
        resp=Response(HTTP_200=Converted, HTTP_400=Problem, HTTP_409=Problem, **REFUSALS),
        **documented,
    )
    def convert_lead(lead_id: str, json: ConvertLead):
        """Customer (matched by company name or new), contact and optional deal, all or
        nothing; converting twice answers 409."""
        deal = json.deal.model_dump() if json.deal else {}
        request = pb.ConvertLeadRequest(
            lead_id=lead_id, create_deal=json.create_deal, deal=input_message(pb.DealInput, deal)
        )
        return Converted.model_validate(as_data(sales("ConvertLead", request)))

    @bp.post("/leads/<lead_id>/campaigns")
    @login_required()
    @api.validate(
        json=CampaignLink,
        resp=Response(HTTP_200=LeadOut, HTTP_400=Problem, **REFUSALS),
        **documented,
    )
    def bind_campaign(lead_id: str, json: CampaignLink):
        """Link the lead to a campaign (checked with marketing)."""
        request = pb.CampaignLinkRequest(lead_id=lead_id, campaign_id=json.campaign_id)
        return LeadOut.model_validate(as_data(sales("BindCampaign", request)))

    @bp.delete("/leads/<lead_id>/campaigns/<campaign_id>")
    @login_required()
    @api.validate(resp=Response("HTTP_204", **REFUSALS), **documented)
    def unbind_campaign(lead_id: str, campaign_id: str):
        """Remove the lead's link to a campaign."""
        sales("UnbindCampaign", pb.CampaignLinkRequest(lead_id=lead_id, campaign_id=campaign_id))
        return "", 204

    return bp
