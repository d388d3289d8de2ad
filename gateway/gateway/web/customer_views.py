"""Customer pages: the list with search, and one customer's page as a single timeline.

The timeline comes from gateway.service.customer_timeline, the same use case as
GET /api/v1/customers/{id}/timeline; this module only picks where each entry links to.
"""

from __future__ import annotations

from flask import Blueprint, g, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from crm_platform.errors import DomainError
from gateway.http.current import clients, current_gateway
from gateway.models.customer_timeline import TimelineEntryOut
from gateway.models.sales_common import SalesListQuery
from gateway.service.customer_timeline import customer_timeline
from gateway.web.deletion import Doomed, confirm
from gateway.web.forms import filled, form_context, form_post
from gateway.web.lists import Bulk, Column, Filter, ListSpec, owner_choices, register, render_list
from gateway.web.session import page

# Sales staff own customers; the service desk reads them (ARCHITECTURE.md, who may see what).
READERS = ("admin", "manager", "sales", "service")
# Those who change customers (add contacts and notes) also read their deals.
EDITORS = DEAL_READERS = frozenset({"admin", "manager", "sales"})
DESK = frozenset({"admin", "manager", "service"})
FIELDS = ("name", "industry", "website", "phone", "address", "description")
TIMELINE_PAGE = 50
CHOICES = 200  # customers offered in a form's list (the most one list call returns)


def add_customer_routes(bp: Blueprint) -> None:
    @bp.get("/customers")
    @page(*READERS)
    def customers():
        return render_list(LIST, "customers/list.html", may_create=bool(g.account.roles & EDITORS))

    @bp.route("/customers/new", methods=["GET", "POST"])
    @page(*EDITORS)
    def new_customer():
        if request.method == "POST":
            return form_post(
                FIELDS,
                lambda values: clients().sales.customers.create(filled(values)),
                lambda values, errors: customer_form(values, errors, None),
                lambda created: url_for("web.customer", customer_id=created.id, notice="saved"),
            )
        return customer_form({}, {}, None)

    @bp.route("/customers/<customer_id>/edit", methods=["GET", "POST"])
    @page(*EDITORS)
    def edit_customer(customer_id: str):
        customers = clients().sales.customers
        if request.method == "POST":
            return form_post(
                FIELDS,
                lambda values: customers.update(customer_id, values),
                lambda values, errors: customer_form(values, errors, customer_id),
                lambda _: url_for("web.customer", customer_id=customer_id, notice="saved"),
            )
        shown = customers.get(customer_id)
        values = {name: getattr(shown, name) or "" for name in FIELDS}
        values["version"] = str(shown.version)
        return customer_form(values, {}, customer_id)

    @bp.route("/customers/<customer_id>/delete", methods=["GET", "POST"])
    @page(*EDITORS)
    def delete_customer(customer_id: str):
        customers = clients().sales.customers
        return confirm(
            lambda: Doomed(
                _("Delete customer"),
                customers.get(customer_id).name,
                _(
                    "Its notes are deleted with it. A customer who still has contacts or deals "
                    "cannot be deleted: delete or move them first."
                ),
                _("Delete the customer"),
                url_for("web.customer", customer_id=customer_id),
            ),
            lambda: customers.delete(customer_id),
            url_for("web.customers", notice="deleted"),
        )

    @bp.get("/customers/<customer_id>")
    @page(*READERS)
    def customer(customer_id: str):
        return customer_page(customer_id, {}, {})

    @bp.post("/customers/<customer_id>/notes")
    @page(*EDITORS)
    def add_customer_note(customer_id: str):
        return form_post(
            ("body",),
            lambda values: clients().sales.add_note("customer", customer_id, values["body"]),
            lambda values, errors: customer_page(customer_id, values, errors),
            lambda _: url_for("web.customer", customer_id=customer_id, _anchor="timeline"),
        )


LIST = register(
    ListSpec(
        kind="customers",
        endpoint="web.customers",
        title=_l("Customers"),
        row="customer-id",
        columns=(
            Column("name", _l("Name"), sort="name"),
            Column("industry", _l("Industry")),
            Column("phone", _l("Phone")),
            Column("owner_id", _l("Owner")),
            Column("created_at", _l("Created"), sort="created_at"),
        ),
        filters=(
            Filter("q", _l("Search"), "search"),
            Filter("owner_id", _l("Owner"), options=owner_choices),
            Filter("created_from", _l("Created from"), "date"),
            Filter("created_to", _l("Created to"), "date"),
        ),
        bulk=(Bulk("reassign", _l("Reassign to"), owner_choices), Bulk("delete", _l("Delete"))),
    )
)


def customer_page(customer_id: str, values: dict, errors: dict) -> str:
    timeline = customer_timeline(
        current_gateway().deps,
        clients(),
        customer_id,
        page_size=TIMELINE_PAGE,
        page_token=request.args.get("page_token", ""),
    )
    links = [entry_link(entry, g.account.roles) for entry in timeline.entries]
    return render_template(
        "customers/detail.html",
        timeline=timeline,
        customer=timeline.customer,
        rows=list(zip(timeline.entries, links, strict=True)),
        may_edit=bool(g.account.roles & EDITORS),
        may_open_ticket=bool(g.account.roles & DESK),
        **form_context(values, errors),
    )


def customer_form(values: dict, errors: dict, customer_id: str | None) -> str:
    return render_template(
        "customers/form.html", customer_id=customer_id, **form_context(values, errors)
    )


def customer_choices(chosen: str | None) -> dict[str, str]:
    """Customers to pick from in a form, by id: the newest the caller may see, and the one
    already chosen (from a link or the form as typed) even when it is older."""
    customers = clients().sales.customers
    listing = customers.list(SalesListQuery(page_size=CHOICES))
    choices = {customer.id: customer.name for customer in listing.items}
    if chosen and chosen not in choices:
        try:
            choices[chosen] = customers.get(chosen).name
        except DomainError:
            choices[chosen] = chosen  # the service says what is wrong with it on save
    return choices


def entry_link(entry: TimelineEntryOut, roles: frozenset[str]) -> str | None:
    """The page of the entry's record, when the caller has one to open."""
    if entry.subject_type == "contact":
        return url_for("web.contact", contact_id=entry.subject_id)
    if entry.subject_type == "deal":
        return url_for("web.deal", deal_id=entry.subject_id) if roles & DEAL_READERS else None
    if entry.subject_type == "ticket":
        return url_for("web.ticket", ticket_id=entry.subject_id)
    if entry.subject_type == "follow_up":
        anchor = f"follow-up-{entry.subject_id}"
        return url_for("web.follow_ups", who="all", state=entry.state, _anchor=anchor)
    return None
