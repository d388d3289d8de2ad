"""Contact pages: the list with search, a contact's page (customer, campaigns, notes), and the
create and edit forms. Same sales calls as /api/v1/contacts."""

from __future__ import annotations

from flask import Blueprint, g, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from gateway.http.current import clients
from gateway.models.contacts import ContactOut
from gateway.web.calls import campaign_names, dictionary, notes
from gateway.web.customer_views import customer_choices
from gateway.web.deletion import Doomed, confirm
from gateway.web.forms import filled, form_context, form_post
from gateway.web.labels import LEAD_SOURCES
from gateway.web.lists import Bulk, Column, Filter, ListSpec, owner_choices, register, render_list
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


def add_contact_routes(bp: Blueprint) -> None:
    @bp.get("/contacts")
    @page(*READERS)
    def contacts():
        return render_list(LIST, "contacts/list.html", may_create=bool(g.account.roles & EDITORS))

    @bp.route("/contacts/new", methods=["GET", "POST"])
    @page(*EDITORS)
    def new_contact():
        if request.method == "POST":
            return form_post(
                FIELDS,
                lambda values: clients().sales.contacts.create(filled(values)),
                lambda values, errors: contact_form(values, errors, None),
                lambda created: url_for("web.contact", contact_id=created.id, notice="saved"),
            )
        return contact_form({"customer_id": request.args.get("customer_id", "")}, {}, None)

    @bp.route("/contacts/<contact_id>/edit", methods=["GET", "POST"])
    @page(*EDITORS)
    def edit_contact(contact_id: str):
        contacts = clients().sales.contacts
        if request.method == "POST":
            return form_post(
                FIELDS,
                lambda values: contacts.update(contact_id, values),
                lambda values, errors: contact_form(values, errors, contact_id),
                lambda _: url_for("web.contact", contact_id=contact_id, notice="saved"),
            )
        contact = contacts.get(contact_id)
        values = {name: getattr(contact, name) or "" for name in FIELDS}
        values["version"] = str(contact.version)
        return contact_form(values, {}, contact_id)

    @bp.route("/contacts/<contact_id>/delete", methods=["GET", "POST"])
    @page(*EDITORS)
    def delete_contact(contact_id: str):
        contacts = clients().sales.contacts
        return confirm(
            lambda: Doomed(
                _("Delete contact"),
                contacts.get(contact_id).full_name,
                _(
                    "Its notes are deleted with it. A contact that a deal names cannot be "
                    "deleted: change the deal's contact first."
                ),
                _("Delete the contact"),
                url_for("web.contact", contact_id=contact_id),
            ),
            lambda: contacts.delete(contact_id),
            url_for("web.contacts", notice="deleted"),
        )

    @bp.get("/contacts/<contact_id>")
    @page(*READERS)
    def contact(contact_id: str):
        return contact_page(clients().sales.contacts.get(contact_id), {}, {})


LIST = register(
    ListSpec(
        kind="contacts",
        endpoint="web.contacts",
        title=_l("Contacts"),
        row="contact-id",
        columns=(
            Column("full_name", _l("Name"), sort="full_name"),
            Column("job_title", _l("Job title")),
            Column("email", _l("Email")),
            Column("mobile", _l("Mobile")),
            Column("owner_id", _l("Owner")),
            Column("created_at", _l("Created"), sort="created_at"),
        ),
        filters=(
            Filter("q", _l("Search"), "search"),
            Filter("customer_id", _l("Customer"), "hidden"),
            Filter("owner_id", _l("Owner"), options=owner_choices),
            Filter("source", _l("Source"), options=lambda: LEAD_SOURCES),
            Filter("created_from", _l("Created from"), "date"),
            Filter("created_to", _l("Created to"), "date"),
        ),
        bulk=(Bulk("reassign", _l("Reassign to"), owner_choices), Bulk("delete", _l("Delete"))),
    )
)


def contact_page(contact: ContactOut, values: dict, errors: dict) -> str:
    return render_template(
        "contacts/detail.html",
        contact=contact,
        customer=clients().sales.customers.get(contact.customer_id),
        campaigns=campaign_names(contact.campaign_ids),
        notes=notes("contact", contact.id),
        may_edit=bool(g.account.roles & EDITORS),
        **form_context(values, errors),
    )


def contact_form(values: dict, errors: dict, contact_id: str | None) -> str:
    appellations = {entry.code: entry.name for entry in dictionary().appellations}
    return render_template(
        "contacts/form.html",
        contact_id=contact_id,
        customers=customer_choices(values.get("customer_id")),
        appellations=appellations,
        sources=LEAD_SOURCES,
        **form_context(values, errors),
    )
