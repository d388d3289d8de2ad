"""Conversion builds customer, contact and deal from a lead, or refuses without side effects."""

from datetime import UTC, datetime

import pytest

from crm_platform.errors import AlreadyExists, InvalidArgument
from crm_platform.request_context import Identity
from sales.domain.conversion import convert_lead, customers_to_match
from sales.domain.customer import new_customer
from sales.domain.lead import new_lead
from sales.domain.visibility import ListScope

NOW = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def lead(dictionary):
    return new_lead(
        {"full_name": "Ada Lovelace", "company": "Analytical Engines Ltd", "owner_id": "u1",
         "email": "ada@example.com", "phone": "+44 20 7946 0958", "source": "trade_show",
         "campaign_ids": ["camp-1"]},
        dictionary,
        now=NOW,
    )  # fmt: skip


def test_conversion_without_a_deal(lead, dictionary):
    result = convert_lead(
        lead, existing_customer=None, deal_values=None, dictionary=dictionary, now=NOW
    )
    assert result.customer_created
    assert (result.customer.name, result.customer.owner_id) == ("Analytical Engines Ltd", "u1")
    contact = result.contact
    assert (contact.customer_id, contact.full_name, contact.email) == (
        result.customer.id,
        "Ada Lovelace",
        "ada@example.com",
    )
    assert contact.campaign_ids == ("camp-1",) and contact.lead_id == lead.id
    assert result.deal is None
    assert (result.lead.state, result.lead.customer_id, result.lead.deal_id) == (
        "converted",
        result.customer.id,
        None,
    )


def test_conversion_with_a_deal_reuses_a_matched_customer(lead, dictionary):
    existing = new_customer({"name": "ANALYTICAL engines", "owner_id": "u9"}, dictionary, now=NOW)
    result = convert_lead(
        lead,
        existing_customer=existing,
        deal_values={"name": "Engine", "amount": "12500", "currency": "GBP"},
        dictionary=dictionary,
        now=NOW,
    )
    deal = result.deal
    assert not result.customer_created and result.customer is existing
    assert (deal.customer_id, deal.contact_id, deal.stage, deal.probability) == (
        existing.id,
        result.contact.id,
        "qualification",
        10,
    )
    assert (deal.source, deal.campaign_id, deal.owner_id, deal.lead_id) == (
        "trade_show",
        "camp-1",
        "u1",
        lead.id,
    )
    assert result.lead.deal_id == deal.id


def test_a_bad_deal_is_reported_under_deal(lead, dictionary):
    with pytest.raises(InvalidArgument) as refused:
        convert_lead(
            lead,
            existing_customer=None,
            deal_values={"name": "", "stage": "closed_won"},
            dictionary=dictionary,
            now=NOW,
        )
    assert {v.field for v in refused.value.violations} == {"deal.name", "deal.stage"}


def test_a_private_buyer_becomes_the_customer(dictionary):
    lead = new_lead({"full_name": "Bo Chen", "owner_id": "u1"}, dictionary, now=NOW)
    result = convert_lead(
        lead, existing_customer=None, deal_values=None, dictionary=dictionary, now=NOW
    )
    assert result.customer.name == "Bo Chen"


def test_converting_twice_is_refused(lead, dictionary):
    once = convert_lead(
        lead, existing_customer=None, deal_values=None, dictionary=dictionary, now=NOW
    )
    with pytest.raises(AlreadyExists):
        convert_lead(
            once.lead, existing_customer=None, deal_values=None, dictionary=dictionary, now=NOW
        )


def test_a_rep_matches_only_their_own_customers_a_manager_any():
    """Issue 24 #14: a rep's conversion never lands on another rep's customer."""
    rep = Identity("u1", frozenset({"sales"}))
    manager = Identity("boss", frozenset({"manager"}))
    assert customers_to_match(rep) == ListScope(owner_id="u1")
    assert customers_to_match(manager) == ListScope()
