"""Leads: most still being worked, some converted into the seeded customers and contacts, a
third linked to campaigns; each with the events sales publishes for it (created, converted).

The first `pool` leads stay untouched (not contacted, unconverted): the convert scenario takes
them one per request."""

from __future__ import annotations

import random
import uuid
from datetime import datetime
from pathlib import Path

from crm_platform.outbox.bulk import publish_many
from sales.adapters.lead_repository import LeadRepository
from sales.adapters.tables import LeadCampaignRow
from sales.domain.conversion import Conversion
from sales.domain.lead import CONVERTED, DEFAULT_STATE, Lead
from sales.service.events import LEAD_CONVERTED, LEAD_CREATED, lead_converted, lead_created
from seed.accounts import Accounts, past
from seed.databases import unit_of_work
from seed.names import Names
from seed.sales_rows import insert_records, insert_rows

CONVERTED_SHARE = 0.15
CAMPAIGN_SHARE = 0.3


def seed_leads(
    var_dir: Path,
    count: int,
    *,
    pool: int,
    owners: list[str],
    sources: list[str],
    states: list[str],
    campaigns: list[str],
    accounts: Accounts,
    rng: random.Random,
) -> list[str]:
    """Writes the leads; returns the ids of the untouched pool."""
    names, now = Names(rng), datetime.now().astimezone()
    leads, conversions, customers = [], [], accounts.by_id
    for n in range(count):
        person, company = names.person(n), names.company(n)
        created = past(rng, now)
        reserved = n < pool
        linked = not reserved and rng.random() < CAMPAIGN_SHARE
        lead = Lead(
            id=str(uuid.uuid4()),
            full_name=person.full_name,
            appellation=person.appellation,
            company=company.name,
            job_title=person.job_title,
            email=person.email,
            phone=company.phone,
            mobile=person.mobile,
            website=company.website,
            address=company.address,
            source=rng.choice(sources),
            state=DEFAULT_STATE if reserved else rng.choice(states),
            owner_id=rng.choice(owners),
            campaign_ids=tuple(rng.sample(campaigns, k=rng.choice((1, 1, 2)))) if linked else (),
            created_at=created,
            updated_at=created,
        )
        if not reserved and rng.random() < CONVERTED_SHARE:
            contact = rng.choice(accounts.contacts)
            customer = customers[contact.customer_id]
            moment = past(rng, now, days=max(1, (now - created).days))
            lead.state, lead.customer_id, lead.contact_id = CONVERTED, customer.id, contact.id
            lead.converted_at = lead.updated_at = max(moment, created)
            conversions.append(Conversion(lead, customer, False, contact, None))
        leads.append(lead)
    links = [{"lead_id": x.id, "campaign_id": c} for x in leads for c in x.campaign_ids]
    with unit_of_work(var_dir, "sales") as uow:
        insert_records(uow.session, LeadRepository, leads)
        insert_rows(uow.session, LeadCampaignRow.__table__, links)
        publish_many(uow, LEAD_CREATED, ((x.id, lead_created(x)) for x in leads))
        publish_many(uow, LEAD_CONVERTED, ((c.lead.id, lead_converted(c)) for c in conversions))
    return [x.id for x in leads[:pool]]
