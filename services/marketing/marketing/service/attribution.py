"""Per-campaign lead counts, kept from sales' events.

Each handler runs inside the consumer's transaction, which also records the event ids: an
event delivered twice is skipped there, so a plain addition here counts it once. A batch of
events is summed per campaign first, and each campaign updated once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from sqlalchemy.orm import Session

from marketing.adapters.lead_counts import add_lead_counts


def count_leads(session: Session, leads: Iterable[Iterable[str]]) -> None:
    """One lead more for each campaign of each lead (given as its campaign ids)."""
    add_lead_counts(session, per_campaign(leads), converted=False)


def count_conversions(session: Session, leads: Iterable[Iterable[str]]) -> None:
    add_lead_counts(session, per_campaign(leads), converted=True)


def count_lead(session: Session, campaign_ids: Iterable[str]) -> None:
    count_leads(session, [campaign_ids])


def count_conversion(session: Session, campaign_ids: Iterable[str]) -> None:
    count_conversions(session, [campaign_ids])


def per_campaign(leads: Iterable[Iterable[str]]) -> Counter[str]:
    """How many of the leads name each campaign; a campaign named twice by one lead counts
    once for it."""
    return Counter(campaign for campaign_ids in leads for campaign in set(campaign_ids))
