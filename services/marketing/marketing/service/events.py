"""The events marketing publishes, as `crm.events.v1` payloads."""

from __future__ import annotations

from decimal import Decimal

from crm.common.v1 import money_pb2
from crm.events.v1 import marketing_events_pb2
from crm_platform import topics
from marketing.domain.campaign import Campaign

# The topics it publishes to, by name (declared in crm_platform.topics).
CAMPAIGN_CHANGED = topics.CAMPAIGN_CHANGED.name


def campaign_changed(
    campaign: Campaign, *, deleted: bool = False
) -> marketing_events_pb2.CampaignChanged:
    return marketing_events_pb2.CampaignChanged(
        campaign_id=campaign.id,
        name=campaign.name,
        type=campaign.type,
        status=campaign.status,
        owner_id=campaign.owner_id,
        budget=money(campaign.budget, campaign.currency),
        actual_cost=money(campaign.actual_cost, campaign.currency),
        deleted=deleted,
        start_date=campaign.start_date.isoformat() if campaign.start_date else "",
        end_date=campaign.end_date.isoformat() if campaign.end_date else "",
        currency=campaign.currency,
    )


def money(amount: Decimal | None, currency: str) -> money_pb2.Money | None:
    """None leaves the message field unset, which is how "no amount" reads on the wire."""
    if amount is None:
        return None
    return money_pb2.Money(amount=f"{amount:.2f}", currency=currency)
