"""Campaign pages: the list with search, status filter, pages and export; create and edit
forms; a campaign's page with its notes.

They call marketing through the same adapter as /api/v1/campaigns; the export is that API's
/api/v1/campaigns:export, linked with the list's filters or the rows ticked."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for

from crm.marketing.v1 import marketing_pb2 as pb
from gateway.adapters.marketing_rpc import FIELDS, campaign_data, field_text, list_data, note_data
from gateway.entrypoints.campaigns_api import marketing
from gateway.models.campaigns import CampaignNoteOut, CampaignOut
from gateway.web.forms import FormErrors, form_context, posted, submit
from gateway.web.labels import CAMPAIGN_STATUSES, CAMPAIGN_TYPES
from gateway.web.session import page

EDITORS = ("admin", "manager", "marketing")
FORM_FIELDS = tuple(name for name in FIELDS if name != "owner_id")
PAGE_SIZE = 20
NOTES_SHOWN = 100


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

    @bp.get("/campaigns/export")
    @page(*EDITORS)
    def export_campaigns():
        """The ticked rows' workbook; none ticked is refused here, since the API would then
        export every campaign."""
        ids = [value for value in request.args.getlist("ids") if value.strip()]
        back = {k: v for k, v in request.args.items() if k in ("q", "status", "page_token")}
        if not ids:
            return redirect(url_for("web.campaigns", notice="none_selected", **back))
        return redirect(url_for("campaign_files.export_campaigns", ids=",".join(ids)))

    @bp.get("/campaigns/<campaign_id>")
    @page(*EDITORS)
    def campaign(campaign_id: str):
        return campaign_page(campaign_id, {}, {})

    @bp.post("/campaigns/<campaign_id>/notes")
    @page(*EDITORS)
    def add_campaign_note(campaign_id: str):
        values = posted(("body",))
        request_message = pb.AddCampaignNoteRequest(campaign_id=campaign_id, body=values["body"])
        try:
            submit(lambda: marketing("AddCampaignNote", request_message), ("body",))
        except FormErrors as refused:
            return campaign_page(campaign_id, values, refused.errors), 400
        return redirect(url_for("web.campaign", campaign_id=campaign_id, _anchor="notes"))

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


def campaign_page(campaign_id: str, values: dict, errors: dict) -> str:
    campaign = CampaignOut.model_validate(
        campaign_data(marketing("GetCampaign", pb.GetCampaignRequest(id=campaign_id)))
    )
    reply = marketing(
        "ListCampaignNotes",
        pb.ListCampaignNotesRequest(campaign_id=campaign_id, page_size=NOTES_SHOWN),
    )
    notes = [CampaignNoteOut.model_validate(item) for item in list_data(reply, note_data)["items"]]
    return render_template(
        "campaigns/detail.html", campaign=campaign, notes=notes, **form_context(values, errors)
    )


def campaign_form(values: dict, errors: dict, campaign_id: str | None) -> str:
    return render_template(
        "campaigns/form.html",
        campaign_id=campaign_id,
        types=CAMPAIGN_TYPES,
        statuses=CAMPAIGN_STATUSES,
        **form_context(values, errors),
    )
