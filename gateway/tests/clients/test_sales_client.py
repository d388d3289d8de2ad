"""SalesClient against the real sales service: every area once, and its refusals as the
gateway's domain errors."""

from __future__ import annotations

import pytest

from crm_platform.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound
from gateway.models.contacts import ContactListQuery
from gateway.models.deals import DealListQuery
from gateway.models.leads import LeadListQuery
from gateway.models.notes import NoteListQuery
from gateway.models.sales_common import SalesListQuery

pytestmark = pytest.mark.usefixtures("admin")


@pytest.fixture
def sales(clients):
    return clients.sales


@pytest.fixture
def customer(sales):
    return sales.customers.create({"name": "Acme Ltd", "tags": ["key"]})


def test_a_lead_is_created_found_changed_listed_and_deleted(sales):
    lead = sales.leads.create({"full_name": "Ada Lovelace", "company": "Engines"})
    assert lead.state == "not_contacted" and lead.customer_id is None

    assert sales.leads.get(lead.id) == lead
    changed = sales.leads.update(lead.id, {"job_title": "Analyst", "company": None})
    assert (changed.job_title, changed.company) == ("Analyst", "")

    listing = sales.leads.list(LeadListQuery(q="Lovelace", page_size=10))
    assert [item.id for item in listing.items] == [lead.id] and listing.total == 1

    sales.leads.delete(lead.id)
    with pytest.raises(NotFound):
        sales.leads.get(lead.id)


def test_a_converted_lead_makes_a_customer_contact_and_deal_once(sales):
    lead = sales.leads.create({"full_name": "Grace Hopper", "company": "Navy"})
    deal = {"name": "Compilers", "amount": "1200.00", "currency": "EUR"}
    converted = sales.convert_lead(lead.id, True, deal)
    assert converted.deal_id and sales.deals.get(converted.deal_id).amount == "1200.00"
    assert sales.customers.get(converted.customer_id).name == "Navy"
    assert sales.contacts.get(converted.contact_id).lead_id == lead.id

    with pytest.raises(AlreadyExists):
        sales.convert_lead(lead.id, False)


def test_customers_and_their_contacts(sales, customer):
    contact = sales.contacts.create({"customer_id": customer.id, "full_name": "Wile E."})
    listing = sales.contacts.list(ContactListQuery(customer_id=customer.id))
    assert [item.id for item in listing.items] == [contact.id]
    assert sales.customers.list(SalesListQuery(q="Acme")).total >= 1
    assert sales.customers.update(customer.id, {"phone": "+1 555 0100"}).phone == "+1 555 0100"

    with pytest.raises(FailedPrecondition):
        sales.customers.delete(customer.id)  # a contact is left
    sales.contacts.delete(contact.id)
    sales.customers.delete(customer.id)


def test_an_invalid_field_is_an_invalid_argument_naming_it(sales):
    with pytest.raises(InvalidArgument) as refused:
        sales.leads.create({"full_name": "Bad Mail", "email": "not-an-email"})
    assert [v.field for v in refused.value.violations] == ["email"]


def test_an_unknown_record_is_not_found(sales):
    with pytest.raises(NotFound):
        sales.customers.get("no-such-customer")


def test_a_closed_deal_cannot_move(sales, customer):
    deal = sales.deals.create({"name": "Roadrunner traps", "customer_id": customer.id})
    assert sales.move_deal(deal.id, "closed_won").stage == "closed_won"
    with pytest.raises(FailedPrecondition):
        sales.move_deal(deal.id, "proposal")
    stages = [entry.stage for entry in sales.deal_history(deal.id).items]
    assert stages == ["qualification", "closed_won"]
    listing = sales.deals.list(DealListQuery(customer_id=customer.id))
    assert [item.id for item in listing.items] == [deal.id]


def test_notes_are_added_edited_listed_and_deleted(sales, customer):
    note = sales.add_note("customer", customer.id, "Met at the fair")
    edited = sales.update_note("customer", customer.id, note.id, "Met at the fair in May")
    assert edited.edited and edited.body.endswith("May")
    listing = sales.list_notes("customer", customer.id, NoteListQuery())
    assert [item.id for item in listing.items] == [note.id]
    sales.delete_note("customer", customer.id, note.id)
    assert sales.list_notes("customer", customer.id, NoteListQuery()).total == 0


def test_the_dictionary_lists_the_stages_in_order(sales):
    dictionary = sales.dictionary()
    first = min(dictionary.deal_stages, key=lambda stage: stage.order)
    assert first.code == "qualification" and not first.closed
    assert any(stage.won for stage in dictionary.deal_stages)
    assert dictionary.lead_sources
