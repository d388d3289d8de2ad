"""Campaigns: /api/v1/campaigns, served by the marketing service."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, url_for
from spectree import Response, SpecTree

from crm.marketing.v1 import marketing_pb2 as pb
from crm_platform.request_context import current_correlation_id, current_identity
from gateway.adapters.marketing_rpc import (
    FIELDS,
    call_marketing,
    campaign_data,
    field_text,
    list_data,
)
from gateway.entrypoints.openapi import BEARER
from gateway.entrypoints.security import login_required
from gateway.http.current import current_gateway
from gateway.models.campaigns import (
    BatchDelete,
    BatchDeleted,
    CampaignCreate,
    CampaignFilters,
    CampaignList,
    CampaignListQuery,
    CampaignOut,
    CampaignPatch,
)
from gateway.models.common import Problem

REFUSALS = {"HTTP_401": Problem, "HTTP_403": Problem, "HTTP_404": Problem, "HTTP_503": Problem}
DOCUMENTED = {"tags": ["campaigns"], "security": BEARER}


def marketing(method: str, request: Any, *, timeout: float | None = None) -> Any:
    """One call to marketing for the current caller, within the gateway's deadline."""
    gateway = current_gateway()
    return call_marketing(
        gateway.channels.marketing,
        method,
        request,
        current_identity(),
        current_correlation_id(),
        timeout or gateway.settings.grpc_deadline_seconds,
    )


def filter_message(query: CampaignFilters) -> pb.CampaignFilter:
    names = ("q", "owner_id", "status", "start_after", "start_before")
    return pb.CampaignFilter(**{name: field_text(getattr(query, name)) for name in names})


def campaigns_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("campaigns", __name__, url_prefix="/api/v1")

    @bp.get("/campaigns")
    @login_required()
    @api.validate(
        query=CampaignListQuery, resp=Response(HTTP_200=CampaignList, **REFUSALS), **DOCUMENTED
    )
    def list_campaigns(query: CampaignListQuery):
        """Campaigns newest first; `q` searches the name; start dates are inclusive."""
        request = pb.ListCampaignsRequest(
            filter=filter_message(query),
            page_size=query.page_size,
            page_token=query.page_token or "",
        )
        reply = marketing("ListCampaigns", request)
        return CampaignList.model_validate(list_data(reply, campaign_data))

    @bp.post("/campaigns")
    @login_required()
    @api.validate(
        json=CampaignCreate,
        resp=Response(HTTP_201=CampaignOut, HTTP_400=Problem, **REFUSALS),
        **DOCUMENTED,
    )
    def create_campaign(json: CampaignCreate):
        """Create a campaign (marketing, managers and admins); money as decimal strings."""
        fields = {name: field_text(value) for name, value in json.model_dump().items()}
        created = marketing("CreateCampaign", pb.CreateCampaignRequest(**fields))
        location = url_for("campaigns.get_campaign", campaign_id=created.id)
        return CampaignOut.model_validate(campaign_data(created)), 201, {"Location": location}

    @bp.get("/campaigns/<campaign_id>")
    @login_required()
    @api.validate(resp=Response(HTTP_200=CampaignOut, **REFUSALS), **DOCUMENTED)
    def get_campaign(campaign_id: str):
        """One campaign, with its lead and conversion counts."""
        campaign = marketing("GetCampaign", pb.GetCampaignRequest(id=campaign_id))
        return CampaignOut.model_validate(campaign_data(campaign))

    @bp.patch("/campaigns/<campaign_id>")
    @login_required()
    @api.validate(
        json=CampaignPatch,
        resp=Response(HTTP_200=CampaignOut, HTTP_400=Problem, **REFUSALS),
        **DOCUMENTED,
    )
    def update_campaign(campaign_id: str, json: CampaignPatch):
        """Change only the fields sent; the result is checked as a whole."""
        changes = json.model_dump(exclude_unset=True)
        request = pb.UpdateCampaignRequest(
            id=campaign_id,
            update_mask=[name for name in changes if name in FIELDS],
            **{name: field_text(value) for name, value in changes.items()},
        )
        return CampaignOut.model_validate(campaign_data(marketing("UpdateCampaign", request)))

    @bp.delete("/campaigns/<campaign_id>")
    @login_required()
    @api.validate(resp=Response("HTTP_204", **REFUSALS), **DOCUMENTED)
    def delete_campaign(campaign_id: str):
        """Delete a campaign with its notes."""
        marketing("DeleteCampaign", pb.DeleteCampaignRequest(id=campaign_id))
        return "", 204

    @bp.post("/campaigns:batchDelete")
    @login_required()
    @api.validate(
        json=BatchDelete,
        resp=Response(HTTP_200=BatchDeleted, HTTP_400=Problem, **REFUSALS),
        **DOCUMENTED,
    )
    def delete_campaigns(json: BatchDelete):
        """Delete several campaigns at once; ids that do not exist are skipped."""
        reply = marketing("DeleteCampaigns", pb.DeleteCampaignsRequest(ids=json.ids))
        return BatchDeleted(deleted=reply.deleted)

    return bp
