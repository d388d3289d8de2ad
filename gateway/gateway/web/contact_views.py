"""Contact pages: the list with search, a contact's page (customer, campaigns, notes), and the
create and edit forms. Same sales calls as /api/v1/contacts."""

from __future__ import annotations

import grpc
from flask import Blueprint, g, redirect, render_template, request, url_for

from crm.marketing.v1 import marketing_pb2 as marketing_pb
from crm.sales.v1 import sales_pb2 as pb
from gateway.clients.messages import as_data, input_message
from gateway.entrypoints.campaigns_api import marketing
from gateway.entrypoints.sales_calls import list_reply, sales
from gateway.models.contacts import ContactOut
from gateway.models.customers import CustomerOut
from gateway.web.calls import dictionary, notes
from gateway.web.customer_views import customer_choices
from gateway.web.forms import FormErrors, form_context, posted, submit
from gateway.web.labels import LEAD_SOURCES
from gateway.web.session import page

READERS = ("admin", "manager", "sales", "service")
EDITORS = frozenset({"admin", "manager", "sales"})
FIELDS = (
    "customer_id",
    "full_name",
    "appellation",
    "email",
    "mobile",
    "job_title",
    "source",
    "address",
    "description",
)
PAGE_SIZE = 20


def get_contact(contact_id: str) -> ContactOut:
    return ContactOut.model_validate(as_data(sales("GetContact", pb.GetRequest(id=contact_id))))


def get_customer(customer_id: str) -> CustomerOut:
    return CustomerOut.model_validate(as_data(sales("GetCustomer", pb.GetRequest(id=customer_id))))


def add_contact_routes(bp: Blueprint) -> None:
    @bp.get("/contacts")
    @page(*READERS)
    def contacts():
        q = request.args.get("q", "").strip()
        reply = sales(
            "ListContacts",
            pb.ListContactsRequest(
                q=q,
                customer_id=request.args.get("customer_id", ""),
                page_size=PAGE_SIZE,
                page_token=request.args.get("page_token", ""),
            ),
        )
        listing = list_reply(reply)
        listing["items"] = [ContactOut.model_validate(item) for item in listing["items"]]
        return render_template(
            "contacts/list.html", listing=listing, q=q, may_create=bool(g.account.roles & EDITORS)
        )

    @bp.route("/contacts/new", methods=["GET", "POST"])
    @page(*EDITORS)
    def new_contact():
        values = {"customer_id": request.args.get("customer_id", "")}
        if request.method == "POST":
            values = posted(FIELDS)
            contact_input = input_message(pb.ContactInput, {k: v for k, v in values.items() if v})
            try:
                created = submit(
                    lambda: sales("CreateContact", pb.CreateContactRequest(contact=contact_input)),
                    FIELDS,
                )
            except FormErrors as refused:
                return contact_form(values, refused.errors, None), 400
            return redirect(url_for("web.contact", contact_id=created.id, notice="saved"))
        return contact_form(values, {}, None)

    @bp.route("/contacts/<contact_id>/edit", methods=["GET", "POST"])
    @page(*EDITORS)
    def edit_contact(contact_id: str):
        if request.method == "POST":
            values = posted(FIELDS)
            request_message = pb.UpdateContactRequest(
                id=contact_id,
                contact=input_message(pb.ContactInput, values),
                update_mask=list(FIELDS),
            )
            try:
                submit(lambda: sales("UpdateContact", request_message), FIELDS)
            except FormErrors as refused:
                return contact_form(values, refused.errors, contact_id), 400
            return redirect(url_for("web.contact", contact_id=contact_id, notice="saved"))
        contact = get_contact(contact_id)
        values = {name: getattr(contact, name) or "" for name in FIELDS}
        return contact_form(values, {}, contact_id)

    @bp.get("/contacts/<contact_id>")
    @page(*READERS)
    def contact(contact_id: str):
        return contact_page(get_contact(contact_id), {}, {})

    @bp.post("/contacts/<contact_id>/notes")
    @page(*EDITORS)
    def add_contact_note(contact_id: str):
        values = posted(("body",))
        request_message = pb.AddNoteRequest(
            subject="contact", subject_id=contact_id, body=values["body"]
        )
        try:
            submit(lambda: sales("AddNote", request_message), ("body",))
        except FormErrors as refused:
            return contact_page(get_contact(contact_id), values, refused.errors), 400
        return redirect(url_for("web.contact", contact_id=contact_id, _anchor="notes"))


def campaign_names(campaign_ids: list[str]) -> dict[str, str]:
    """Names of the contact's campaigns; one the caller may not see keeps its id."""
    names = {}
    for campaign_id in campaign_ids:
        try:
            reply = marketing("GetCampaign", marketing_pb.GetCampaignRequest(id=campaign_id))
            names[campaign_id] = reply.name
        except grpc.RpcError as error:
            if not (isinstance(error, grpc.Call) and error.code() == grpc.StatusCode.NOT_FOUND):
                raise
            names[campaign_id] = campaign_id
    return names


def contact_page(contact: ContactOut, values: dict, errors: dict) -> str:
    return render_template(
        "contacts/detail.html",
        contact=contact,
        customer=get_customer(contact.customer_id),
        campaigns=campaign_names(contact.campaign_ids),
        notes=notes("contact", contact.id),
        may_edit=bool(g.account.roles & EDITORS),
        **form_context(values, errors),
    )


def contact_form(values: dict, errors: dict, contact_id: str | None) -> str:
    appellations = {a["code"]: a["name"] for a in dictionary().get("appellations", [])}
    return render_template(
        "contacts/form.html",
        contact_id=contact_id,
        customers=customer_choices(values.get("customer_id")),
        appellations=appellations,
        sources=LEAD_SOURCES,
        **form_context(values, errors),
    )
