"""Campaign pages: the list with search, status filter and pages; create and edit forms.

They call marketing through the same adapter as /api/v1/campaigns."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for

from crm.marketing.v1 import marketing_pb2 as pb
from gateway.adapters.marketing_rpc import FIELDS, campaign_data, field_text, list_data
from gateway.entrypoints.campaigns_api import marketing
from gateway.entrypoints.schemas.campaigns import CampaignOut
from gateway.web.forms import FormErrors, form_context, posted, submit
from gateway.web.labels import CAMPAIGN_STATUSES, CAMPAIGN_TYPES
from gateway.web.session import page

EDITORS = ("admin", "manager", "marketing")
FORM_FIELDS = tuple(name for name in FIELDS if name != "owner_id")
PAGE_SIZE = 20


def add_campaign_routes(bp: Blueprint) -> None:
    @bp.get("/campaigns")
    @page(*EDITORS)
    def campaigns():
        q, status = request.args.get("q", "").strip(), request.args.get("status", "")
        reply = marketing(
            "ListCampaigns",
            pb.ListCampaignsRequest(
                filter=pb.CampaignFilter(q=q, status=status),
                page_size=PAGE_SIZE,
                page_token=request.args.get("page_token", ""),
            ),
        )
        listing = list_data(reply, campaign_data)
        listing["items"] = [CampaignOut.model_validate(item) for item in listing["items"]]
        return render_template(
            "campaigns/list.html",
            listing=listing,
            q=q,
            status=status,
            statuses=CAMPAIGN_STATUSES,
        )

    @bp.route("/campaigns/new", methods=["GET", "POST"])
    @page(*EDITORS)
    def new_campaign():
        values = {"status": "planned", "type": "", "currency": ""}
        if request.method == "POST":
            values = posted(FORM_FIELDS)
            request_message = pb.CreateCampaignRequest(**values)
            try:
                submit(lambda: marketing("CreateCampaign", request_message), FORM_FIELDS)
            except FormErrors as refused:
                return campaign_form(values, refused.errors, None), 400
            return redirect(url_for("web.campaigns", notice="saved"))
        return campaign_form(values, {}, None)

    @bp.route("/campaigns/<campaign_id>/edit", methods=["GET", "POST"])
    @page(*EDITORS)
    def edit_campaign(campaign_id: str):
        if request.method == "POST":
            values = posted(FORM_FIELDS)
            request_message = pb.UpdateCampaignRequest(
                id=campaign_id, update_mask=list(FORM_FIELDS), **values
            )
            try:
                submit(lambda: marketing("UpdateCampaign", request_message), FORM_FIELDS)
            except FormErrors as refused:
                return campaign_form(values, refused.errors, campaign_id), 400
            return redirect(url_for("web.campaigns", notice="saved"))
        campaign = campaign_data(marketing("GetCampaign", pb.GetCampaignRequest(id=campaign_id)))
        values = {name: field_text(campaign.get(name)) for name in FORM_FIELDS}
        return campaign_form(values, {}, campaign_id)


def campaign_form(values: dict, errors: dict, campaign_id: str | None) -> str:
    return render_template(
        "campaigns/form.html",
        campaign_id=campaign_id,
        types=CAMPAIGN_TYPES,
        statuses=CAMPAIGN_STATUSES,
        **form_context(values, errors),
    )
