"""Campaigns: /api/v1/campaigns, served by the marketing service."""

from __future__ import annotations

from flask import Blueprint, url_for
from spectree import SpecTree

from gateway.entrypoints.concurrency import etag, versioned_update
from gateway.entrypoints.documented_route import route_maker
from gateway.http.current import clients
from gateway.models.campaigns import (
    BatchDelete,
    BatchDeleted,
    CampaignCreate,
    CampaignList,
    CampaignListQuery,
    CampaignOut,
    CampaignPatch,
)
from gateway.models.common import Problem, StaleProblem


def campaigns_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("campaigns", __name__, url_prefix="/api/v1")
    route = route_maker(bp, api, "campaigns")

    @route("GET", "/campaigns", query=CampaignListQuery, HTTP_200=CampaignList)
    def list_campaigns(query: CampaignListQuery):
        """Campaigns newest first; `q` searches the name; start dates are inclusive."""
        return clients().marketing.list_campaigns(query)

    @route("POST", "/campaigns", json=CampaignCreate, HTTP_201=CampaignOut, HTTP_400=Problem)
    def create_campaign(json: CampaignCreate):
        """Create a campaign (marketing, managers and admins); money as decimal strings."""
        created = clients().marketing.create_campaign(json.model_dump())
        location = url_for("campaigns.get_campaign", campaign_id=created.id)
        return created, 201, {"Location": location}

    @route("GET", "/campaigns/<campaign_id>", HTTP_200=CampaignOut)
    def get_campaign(campaign_id: str):
        """One campaign, with its lead and conversion counts (ETag: version)."""
        campaign = clients().marketing.get_campaign(campaign_id)
        return campaign, 200, etag(campaign)

    @route(
        "PATCH",
        "/campaigns/<campaign_id>",
        json=CampaignPatch,
        HTTP_200=CampaignOut,
        HTTP_400=Problem,
        HTTP_412=StaleProblem,
    )
    def update_campaign(campaign_id: str, json: CampaignPatch):
        """Change only the fields sent; the result is checked as a whole. With the version
        read (If-Match or `version`), refused (412, with the campaign now) if it changed since."""
        marketing = clients().marketing
        return versioned_update(
            lambda changes: marketing.update_campaign(campaign_id, changes), json
        )

    @route("DELETE", "/campaigns/<campaign_id>", HTTP_204=None)
    def delete_campaign(campaign_id: str):
        """Delete a campaign with its notes."""
        clients().marketing.delete_campaign(campaign_id)
        return "", 204

    @route(
        "POST", "/campaigns:batchDelete", json=BatchDelete, HTTP_200=BatchDeleted, HTTP_400=Problem
    )
    def delete_campaigns(json: BatchDelete):
        """Delete several campaigns at once; ids that do not exist are skipped."""
        return clients().marketing.delete_campaigns(json.ids)

    return bp
