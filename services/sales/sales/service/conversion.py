"""Converting a lead, all or nothing, in one transaction with its events."""

from __future__ import annotations

from typing import Any

from crm_platform.request_context import current_identity
from crm_platform.unit_of_work import UnitOfWork
from sales.adapters.contact_repository import ContactRepository
from sales.adapters.customer_repository import CustomerRepository
from sales.adapters.deal_repository import DealRepository
from sales.adapters.dictionary_repository import load_dictionary
from sales.adapters.lead_repository import LeadRepository
from sales.adapters.note_repository import NoteRepository
from sales.domain import conversion as rules
from sales.domain.note import copy_note
from sales.domain.stages import first_change, history_entry
from sales.service.access import fetch, now
from sales.service.campaigns import CampaignDirectory
from sales.service.events import (
    CONTACT_ADDED,
    CUSTOMER_CHANGED,
    DEAL_STAGE_CHANGED,
    LEAD_CONVERTED,
    NOTE_ADDED,
    NoteSubject,
    contact_added,
    customer_changed,
    deal_stage_changed,
    lead_converted,
    note_added,
)


def convert_lead(
    uow: UnitOfWork,
    campaigns: CampaignDirectory,
    lead_id: str,
    deal_values: dict[str, Any] | None,
) -> rules.Conversion:
    """The customer, contact and optional deal made from the lead; nothing at all on error."""
    identity = current_identity()
    if deal_values and deal_values.get("campaign_id"):
        campaigns.check_exist([deal_values["campaign_id"]], field="deal.campaign_id")
    moment = now()
    with uow:
        dictionary = load_dictionary(uow.session)
        leads, customers = LeadRepository(uow.session), CustomerRepository(uow.session)
        lead = fetch(leads, "lead", lead_id, change=True)
        lead.ensure_editable()
        conversion = rules.convert_lead(
            lead,
            existing_customer=customers.find_by_company(
                rules.customer_name(lead), rules.customers_to_match(identity)
            ),
            deal_values=deal_values,
            dictionary=dictionary,
            now=moment,
        )
        if conversion.customer_created:
            customers.add(conversion.customer)
            customer = conversion.customer
            uow.publish(CUSTOMER_CHANGED, customer.id, customer_changed(customer))
        ContactRepository(uow.session).add(conversion.contact)
        uow.publish(CONTACT_ADDED, conversion.contact.id, contact_added(conversion.contact))
        notes = NoteRepository(uow.session)
        for note in notes.on("lead", lead.id):
            for record, subject in ((conversion.customer, "customer"),
                                    (conversion.contact, "contact")):  # fmt: skip
                copied = copy_note(note, subject, record.id)
                notes.add(copied)
                uow.publish(NOTE_ADDED, copied.id, note_added(copied, NoteSubject.of(record)))
        if conversion.deal is not None:
            deal, deals = conversion.deal, DealRepository(uow.session)
            deals.add(deal)
            deals.record_history(history_entry(deal, changed_by=identity.user_id, now=moment))
            change = first_change(deal, dictionary)
            uow.publish(
                DEAL_STAGE_CHANGED, deal.id, deal_stage_changed(deal, change, identity.user_id)
            )
        leads.save(conversion.lead, action="converted")
        uow.publish(LEAD_CONVERTED, lead.id, lead_converted(conversion))
        uow.commit()
    return conversion
