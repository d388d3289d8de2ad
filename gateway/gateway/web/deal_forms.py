"""A deal's new, edit and delete pages, through the same sales calls as /api/v1/deals.

A new deal is opened from a customer's page (its customer chosen) or from the deal list; its
contact is one of that customer's. A closed deal keeps its amount, currency and expected close
date: its form shows them without letting them change, and sales refuses them anyway (422).
"""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _

from crm_platform.errors import DomainError
from gateway.http.current import clients, current_gateway
from gateway.models.contacts import ContactListQuery
from gateway.models.deals import DealOut
from gateway.service.staff_names import staff_choices
from gateway.web.calls import dictionary, open_stages
from gateway.web.customer_views import customer_choices
from gateway.web.deletion import Doomed, confirm
from gateway.web.forms import filled, form_context, form_post
from gateway.web.labels import label
from gateway.web.session import page

NEW_FIELDS = (
    "name", "customer_id", "contact_id", "amount", "currency", "expected_close_date", "stage",
    "owner_id", "description",
)  # fmt: skip
EDIT_FIELDS = (
    "name", "contact_id", "amount", "currency", "expected_close_date", "owner_id", "description",
)  # fmt: skip
KEPT_WHEN_CLOSED = ("amount", "currency", "expected_close_date")  # sales' FROZEN_WHEN_CLOSED
OWNERS = frozenset({"admin", "manager", "sales"})
CONTACTS_SHOWN = 200  # the most one list call returns


def add_deal_form_routes(bp: Blueprint, readers: tuple[str, ...]) -> None:
    @bp.route("/deals/new", methods=["GET", "POST"])
    @page(*readers)
    def new_deal():
        if request.method == "POST":
            return form_post(
                NEW_FIELDS,
                lambda values: clients().sales.deals.create(filled(values)),
                lambda values, errors: deal_form(values, errors, None),
                lambda created: url_for("web.deal", deal_id=created.id, notice="saved"),
            )
        values = {"customer_id": request.args.get("customer_id", ""), "currency": "CNY"}
        return deal_form(values, {}, None)

    @bp.route("/deals/<deal_id>/edit", methods=["GET", "POST"])
    @page(*readers)
    def edit_deal(deal_id: str):
        deals = clients().sales.deals
        deal = deals.get(deal_id)
        fields = editable(deal)
        if request.method == "POST":
            return form_post(
                fields,
                lambda values: deals.update(deal_id, values),
                lambda values, errors: deal_form({**shown(deal), **values}, errors, deal),
                lambda _: url_for("web.deal", deal_id=deal_id, notice="saved"),
            )
        return deal_form(shown(deal), {}, deal)

    @bp.route("/deals/<deal_id>/delete", methods=["GET", "POST"])
    @page(*readers)
    def delete_deal(deal_id: str):
        deals = clients().sales.deals
        return confirm(
            lambda: Doomed(
                _("Delete deal"),
                deals.get(deal_id).name,
                _("Its stage history and notes are deleted with it."),
                _("Delete the deal"),
                url_for("web.deal", deal_id=deal_id),
            ),
            lambda: deals.delete(deal_id),
            url_for("web.deals", notice="deleted"),
        )


def editable(deal: DealOut) -> tuple[str, ...]:
    if deal.closed_at is None:
        return EDIT_FIELDS
    return tuple(name for name in EDIT_FIELDS if name not in KEPT_WHEN_CLOSED)


def shown(deal: DealOut) -> dict[str, str]:
    data = deal.model_dump(mode="json")
    return {name: data[name] or "" for name in EDIT_FIELDS}


def deal_form(values: dict, errors: dict, deal: DealOut | None) -> str:
    """The new-deal form (`deal` None) or `deal`'s edit form, with the page's choices."""
    customer_id = deal.customer_id if deal else values.get("customer_id", "")
    return render_template(
        "deals/form.html",
        deal=deal,
        closed=bool(deal and deal.closed_at),
        customers=customer_choices(customer_id) if deal is None else {},
        contacts=contact_choices(customer_id),
        owners=staff_choices(current_gateway().deps, OWNERS, values.get("owner_id")),
        stages={
            stage["code"]: label(stage["code"], "stage") for stage in open_stages(dictionary())
        },
        **form_context(values, errors),
    )


def open_stage_codes() -> list[str]:
    return [stage["code"] for stage in open_stages(dictionary())]


def contact_choices(customer_id: str) -> dict[str, str]:
    """The customer's contacts; before a customer is chosen, the newest the caller may see
    (sales says which contact belongs to another customer)."""
    query = ContactListQuery(customer_id=customer_id or None, page_size=CONTACTS_SHOWN)
    try:
        listing = clients().sales.contacts.list(query)
    except DomainError:  # an unknown customer as typed: the save says what is wrong
        return {}
    return {contact.id: contact.full_name for contact in listing.items}
