"""Converting a lead: the customer (matched or new), the contact from the person, an optional
deal, and the lead marked converted. Pure: the use case loads and stores, this decides."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from crm_platform.request_context import Identity
from sales.domain.contact import Contact, new_contact
from sales.domain.customer import Customer, new_customer
from sales.domain.deal import Deal, new_deal
from sales.domain.dictionary import Dictionary
from sales.domain.lead import Lead, mark_converted
from sales.domain.visibility import ListScope, list_scope


@dataclass(frozen=True)
class Conversion:
    lead: Lead
    customer: Customer
    customer_created: bool
    contact: Contact
    deal: Deal | None


def customer_name(lead: Lead) -> str:
    """A lead without a company is a private buyer: the person is the customer."""
    return lead.company or lead.full_name


def customers_to_match(caller: Identity) -> ListScope:
    """The customers a lead's company may be matched with: only those the caller can see.
    Matching another rep's customer would hang the caller's contact, deal and notes on a
    record they then get NotFound for; without a visible match a new customer is made (the
    duplicates are merged later, by someone who sees both)."""
    return list_scope(caller, "customer")


def convert_lead(
    lead: Lead,
    *,
    existing_customer: Customer | None,
    deal_values: Mapping[str, Any] | None,
    dictionary: Dictionary,
    now: datetime,
) -> Conversion:
    """AlreadyExists if converted before; InvalidArgument (fields `deal.*`) for a bad deal."""
    lead.ensure_editable()
    customer = existing_customer or new_customer(
        {
            "name": customer_name(lead),
            "website": lead.website,
            "phone": lead.phone,
            "address": lead.address,
            "owner_id": lead.owner_id,
        },
        dictionary,
        now=now,
    )
    contact = new_contact(
        {
            "customer_id": customer.id,
            "full_name": lead.full_name,
            "appellation": lead.appellation,
            "email": lead.email,
            "mobile": lead.mobile or lead.phone,
            "job_title": lead.job_title,
            "source": lead.source,
            "owner_id": lead.owner_id,
            "address": lead.address,
            "description": lead.description,
        },
        dictionary,
        now=now,
    )
    contact.campaign_ids = lead.campaign_ids
    contact.lead_id = lead.id
    deal = None
    if deal_values is not None:
        deal = new_deal(
            {
                "source": lead.source,
                "campaign_id": lead.campaign_ids[0] if lead.campaign_ids else "",
                "owner_id": lead.owner_id,
                **deal_values,
                "customer_id": customer.id,
                "contact_id": contact.id,
            },
            dictionary,
            now=now,
            field_prefix="deal.",
        )
        deal.lead_id = lead.id
    converted = mark_converted(
        lead,
        customer_id=customer.id,
        contact_id=contact.id,
        deal_id=deal.id if deal else None,
        now=now,
    )
    return Conversion(converted, customer, existing_customer is None, contact, deal)
