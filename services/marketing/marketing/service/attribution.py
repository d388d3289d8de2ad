"""Per-campaign lead counts, kept from sales' events.

Each handler runs inside the consumer's transaction, which also records the event id: an event
delivered twice is skipped there, so a plain increment here counts it once.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from marketing.adapters.campaign_repository import CampaignRepository


def count_lead(session: Session, campaign_ids: Iterable[str]) -> None:
    CampaignRepository(session).count_leads(campaign_ids)


def count_conversion(session: Session, campaign_ids: Iterable[str]) -> None:
    CampaignRepository(session).count_leads(campaign_ids, converted=True)
