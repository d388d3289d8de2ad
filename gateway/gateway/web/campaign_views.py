"""Campaign pages: the list with search, status filter, pages and export; create and edit
forms; a campaign's page with its notes.

They call marketing through the same client as /api/v1/campaigns; the export is that API's
/api/v1/campaigns:export, linked with the list's filters or the rows ticked."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from gateway.http.current import clients
from gateway.models.common import ListQuery
from gateway.web.deletion import Doomed, confirm
from gateway.web.forms import form_context, form_post
from gateway.web.labels import CAMPAIGN_STATUSES, CAMPAIGN_TYPES
from gateway.web.lists import Bulk, Column, Filter, ListSpec, owner_choices, register, render_list
from gateway.web.session import page

EDITORS = ("admin", "manager", "marketing")
FORM_FIELDS = (
    "name", "type", "status", "start_date", "end_date", "budget", "actual_cost", "currency",
    "description",
)  # fmt: skip
NOTES_SHOWN = 100


def add_campaign_routes(bp: Blueprint) -> None:
    @bp.get("/campaigns")
    @page(*EDITORS)
    def campaigns():
        return render_list(LIST, "campaigns/list.html")

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

    @bp.route("/campaigns/<campaign_id>/delete", methods=["GET", "POST"])
    @page(*EDITORS)
    def delete_campaign(campaign_id: str):
        marketing = clients().marketing
        return confirm(
            lambda: Doomed(
                _("Delete campaign"),
                marketing.get_campaign(campaign_id).name,
                _(
                    "Its notes are deleted with it. Leads and deals linked to it keep their "
                    "records; the link then shows the campaign's id."
                ),
                _("Delete the campaign"),
                url_for("web.campaign", campaign_id=campaign_id),
            ),
            lambda: marketing.delete_campaign(campaign_id),
            url_for("web.campaigns", notice="deleted"),
        )

    @bp.route("/campaigns/new", methods=["GET", "POST"])
    @page(*EDITORS)
    def new_campaign():
        if request.method == "POST":
            return form_post(
                FORM_FIELDS,
                clients().marketing.create_campaign,
                lambda values, errors: campaign_form(values, errors, None),
                lambda _: url_for("web.campaigns", notice="saved"),
            )
        return campaign_form({"status": "planned", "type": "", "currency": ""}, {}, None)

    @bp.route("/campaigns/<campaign_id>/edit", methods=["GET", "POST"])
    @page(*EDITORS)
    def edit_campaign(campaign_id: str):
        marketing = clients().marketing
        if request.method == "POST":
            return form_post(
                FORM_FIELDS,
                lambda values: marketing.update_campaign(campaign_id, values),
                lambda values, errors: campaign_form(values, errors, campaign_id),
                lambda _: url_for("web.campaigns", notice="saved"),
            )
        shown = marketing.get_campaign(campaign_id).model_dump(mode="json")
        values = {name: shown[name] or "" for name in FORM_FIELDS}
        values["version"] = str(shown["version"])
        return campaign_form(values, {}, campaign_id)


LIST = register(
    ListSpec(
        kind="campaigns",
        endpoint="web.campaigns",
        title=_l("Campaigns"),
        row="campaign-id",
        columns=(
            Column("name", _l("Name"), sort="name"),
            Column("type", _l("Type")),
            Column("status", _l("Status")),
            Column("start_date", _l("Start"), sort="start_date"),
            Column("end_date", _l("End")),
            Column("budget", _l("Budget"), num=True),
            Column("leads", _l("Leads"), num=True),
            Column("converted", _l("Converted"), num=True),
            Column("owner_id", _l("Owner")),
        ),
        filters=(
            Filter("q", _l("Search"), "search"),
            Filter("owner_id", _l("Owner"), options=owner_choices),
            Filter("status", _l("Status"), options=lambda: CAMPAIGN_STATUSES),
            Filter("start_after", _l("Starting from"), "date"),
            Filter("start_before", _l("Starting by"), "date"),
        ),
        bulk=(
            Bulk("reassign", _l("Reassign to"), owner_choices),
            Bulk("state", _l("Change status to"), lambda: CAMPAIGN_STATUSES),
            Bulk("delete", _l("Delete")),
        ),
    )
)


def campaign_page(campaign_id: str, values: dict, errors: dict) -> str:
    marketing = clients().marketing
    campaign = marketing.get_campaign(campaign_id)
    notes = marketing.list_notes(campaign_id, ListQuery(page_size=NOTES_SHOWN)).items
    return render_template(
        "campaigns/detail.html",
        campaign=campaign,
        notes=notes,
        **form_context(values, errors),
    )


def campaign_form(values: dict, errors: dict, campaign_id: str | None) -> str:
    return render_template(
        "campaigns/form.html",
        campaign_id=campaign_id,
        types=CAMPAIGN_TYPES,
        statuses=CAMPAIGN_STATUSES,
        **form_context(values, errors),
    )
