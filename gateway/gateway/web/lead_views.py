"""Lead pages: list, new lead, edit and delete, detail with notes and linked campaigns (bound
and unbound through a search of marketing's campaigns), and the convert form (optionally with a
deal). A converted lead is read-only: sales refuses its edit and delete, and its pages say so."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from gateway.http.current import clients
from gateway.models.campaigns import CampaignListQuery, CampaignOut
from gateway.models.leads import LeadOut
from gateway.web.calls import campaign_names, dictionary, notes, open_stages
from gateway.web.deletion import Doomed, confirm
from gateway.web.forms import FormErrors, filled, form_context, form_post, posted, submit
from gateway.web.labels import LEAD_SOURCES, LEAD_STATES
from gateway.web.list_actions import add_list_action_routes
from gateway.web.lists import (
    Bulk,
    Column,
    Filter,
    ListSpec,
    campaign_choices,
    owner_choices,
    register,
    render_list,
)
from gateway.web.session import page

READERS = ("admin", "manager", "marketing", "sales")
LEAD_FIELDS = ("full_name", "company", "job_title", "email", "phone", "mobile", "source")
EDIT_FIELDS = (*LEAD_FIELDS, "state", "description")
DEAL_FIELDS = ("name", "amount", "currency", "expected_close_date", "stage", "campaign_id")
CAMPAIGN_MATCHES = 10  # campaigns offered for one search on the lead's page


def add_lead_routes(bp: Blueprint) -> None:
    @bp.get("/leads")
    @page(*READERS)
    def leads():
        return render_list(LIST, "leads/list.html")

    add_list_action_routes(bp)  # the bulk, export and saved-view posts of every list page

    @bp.route("/leads/new", methods=["GET", "POST"])
    @page(*READERS)
    def new_lead():
        if request.method == "POST":
            return form_post(
                LEAD_FIELDS,
                lambda values: clients().sales.leads.create(filled(values)),
                lead_form,
                lambda created: url_for("web.lead", lead_id=created.id),
            )
        return lead_form({}, {})

    @bp.route("/leads/<lead_id>/edit", methods=["GET", "POST"])
    @page(*READERS)
    def edit_lead(lead_id: str):
        leads = clients().sales.leads
        if request.method == "POST":
            return form_post(
                EDIT_FIELDS,
                lambda values: leads.update(lead_id, values),
                lambda values, errors: lead_form(values, errors, leads.get(lead_id)),
                lambda _: url_for("web.lead", lead_id=lead_id, notice="saved"),
            )
        lead = leads.get(lead_id)
        return lead_form({name: getattr(lead, name) or "" for name in EDIT_FIELDS}, {}, lead)

    @bp.route("/leads/<lead_id>/delete", methods=["GET", "POST"])
    @page(*READERS)
    def delete_lead(lead_id: str):
        leads = clients().sales.leads
        return confirm(
            lambda: Doomed(
                _("Delete lead"),
                leads.get(lead_id).full_name,
                _("Its notes are deleted with it, and its campaign links end."),
                _("Delete the lead"),
                url_for("web.lead", lead_id=lead_id),
            ),
            lambda: leads.delete(lead_id),
            url_for("web.leads", notice="deleted"),
        )

    @bp.get("/leads/<lead_id>")
    @page(*READERS)
    def lead(lead_id: str):
        return lead_page(clients().sales.leads.get(lead_id), {}, {})

    @bp.post("/leads/<lead_id>/campaigns")
    @page(*READERS)
    def bind_lead_campaign(lead_id: str):
        campaign_id, sales = request.form.get("campaign_id", ""), clients().sales
        try:
            submit(lambda: sales.bind_campaign(lead_id, campaign_id), ("campaign_id",))
        except FormErrors as refused:
            values = {"campaign_q": request.form.get("campaign_q", "")}
            return lead_page(sales.leads.get(lead_id), values, refused.errors, "campaigns"), 400
        return redirect(url_for("web.lead", lead_id=lead_id, notice="saved", _anchor="campaigns"))

    @bp.post("/leads/<lead_id>/campaigns/<campaign_id>/unbind")
    @page(*READERS)
    def unbind_lead_campaign(lead_id: str, campaign_id: str):
        sales = clients().sales
        try:
            submit(lambda: sales.unbind_campaign(lead_id, campaign_id))
        except FormErrors as refused:
            return lead_page(sales.leads.get(lead_id), {}, refused.errors, "campaigns"), 400
        return redirect(url_for("web.lead", lead_id=lead_id, notice="saved", _anchor="campaigns"))

    @bp.route("/leads/<lead_id>/convert", methods=["GET", "POST"])
    @page(*READERS)
    def convert_lead(lead_id: str):
        sales = clients().sales
        lead = sales.leads.get(lead_id)
        names = tuple(f"deal.{name}" for name in DEAL_FIELDS)
        values = {"create_deal": "on", "deal.name": lead.company, "deal.currency": "CNY"}
        if request.method == "POST":
            values = posted((*names, "create_deal"))
            create_deal = values["create_deal"] == "on"
            deal = {name: values[f"deal.{name}"] or None for name in DEAL_FIELDS}
            try:
                converted = submit(
                    lambda: sales.convert_lead(lead_id, create_deal, deal if create_deal else None),
                    names,
                )
            except FormErrors as refused:
                return convert_form(lead, values, refused.errors), 400
            if converted.deal_id:
                return redirect(url_for("web.deal", deal_id=converted.deal_id, notice="converted"))
            return redirect(url_for("web.lead", lead_id=lead_id, notice="converted"))
        return convert_form(lead, values, {})


def _lead_states() -> dict[str, str]:
    return {code: name for code, name in LEAD_STATES.items() if code != "converted"}


LIST = register(
    ListSpec(
        kind="leads",
        endpoint="web.leads",
        title=_l("Leads"),
        row="lead-id",
        columns=(
            Column("full_name", _l("Name"), sort="full_name"),
            Column("company", _l("Company"), sort="company"),
            Column("source", _l("Source")),
            Column("state", _l("State")),
            Column("owner_id", _l("Owner")),
            Column("created_at", _l("Created"), sort="created_at"),
        ),
        filters=(
            Filter("q", _l("Search"), "search"),
            Filter("owner_id", _l("Owner"), options=owner_choices),
            Filter("state", _l("State"), options=lambda: LEAD_STATES),
            Filter("source", _l("Source"), options=lambda: LEAD_SOURCES),
            Filter("campaign_id", _l("Campaign"), options=campaign_choices),
            Filter("created_from", _l("Created from"), "date"),
            Filter("created_to", _l("Created to"), "date"),
        ),
        bulk=(
            Bulk("reassign", _l("Reassign to"), owner_choices),
            Bulk("state", _l("Change state to"), _lead_states),
            Bulk("campaign", _l("Add to campaign"), campaign_choices),
            Bulk("delete", _l("Delete")),
        ),
    )
)


def lead_form(values: dict, errors: dict, lead: LeadOut | None = None) -> str:
    """The new-lead form, or `lead`'s edit form (read-only once it is converted)."""
    return render_template(
        "leads/form.html",
        lead=lead,
        sources=LEAD_SOURCES,
        states=_lead_states(),
        **form_context(values, errors),
    )


def lead_page(lead: LeadOut, values: dict, errors: dict, errors_at: str = "notes") -> str:
    """The lead's page; `errors_at` names the section whose form was refused."""
    campaign_q = values.get("campaign_q") or request.args.get("campaign_q", "").strip()
    return render_template(
        "leads/detail.html",
        lead=lead,
        notes=notes("lead", lead.id),
        campaigns=campaign_names(lead.campaign_ids),
        campaign_q=campaign_q,
        errors_at=errors_at,
        matches=campaign_matches(campaign_q, set(lead.campaign_ids)) if campaign_q else None,
        **form_context(values, errors),
    )


def campaign_matches(q: str, linked: set[str]) -> list[CampaignOut]:
    """Campaigns whose name matches `q`, as marketing's list finds them, not yet linked."""
    found = clients().marketing.list_campaigns(CampaignListQuery(q=q, page_size=CAMPAIGN_MATCHES))
    return [campaign for campaign in found.items if campaign.id not in linked]


def convert_form(lead: LeadOut, values: dict, errors: dict) -> str:
    return render_template(
        "leads/convert.html",
        lead=lead,
        stages=open_stages(dictionary()),
        campaigns=campaign_names(lead.campaign_ids),
        **form_context(values, errors),
    )
