"""What reporting knows of one campaign: `marketing.campaign-changed` carries the whole
campaign each time, so the newest event by time is the campaign."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal


@dataclass(frozen=True)
class CampaignFact:
    campaign_id: str
    name: str
    currency: str
    cost: Decimal  # actual cost so far, in `currency`
    deleted: bool
    changed_at: datetime


def apply_campaign(fact: CampaignFact | None, event: CampaignFact) -> CampaignFact:
    if fact is not None and event.changed_at < fact.changed_at:
        return fact
    return event
