"""Campaign attribution and ROI: leads and conversions linked to each campaign, deals won
with the campaign set, their revenue, the campaign's actual cost, ROI = (revenue - cost) / cost.

One row per campaign and currency: the campaign's own currency (where its cost is) and every
currency a won deal of it was in. Revenue and cost are only compared within one currency, so a
row in another currency than the campaign's has no cost and no ROI. Deleted leads and deals
count for no campaign.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from reporting.domain.campaigns import CampaignFact
from reporting.domain.deals import DealFact
from reporting.domain.leads import LeadFact
from reporting.domain.money import ratio


@dataclass(frozen=True)
class CampaignRow:
    campaign_id: str
    name: str
    currency: str
    leads: int
    converted: int
    deals_won: int
    revenue: Decimal
    cost: Decimal | None
    deleted: bool

    @property
    def roi(self) -> float | None:
        if self.cost is None:
            return None
        return ratio(self.revenue - self.cost, self.cost)


def campaign_report(
    campaigns: Iterable[CampaignFact], leads: Iterable[LeadFact], deals: Iterable[DealFact]
) -> list[CampaignRow]:
    lead_counts: dict[str, list[int]] = {}
    for lead in leads:
        if lead.deleted or (lead.created_at is None and lead.converted_at is None):
            continue
        for campaign_id in set(lead.campaign_ids):
            counts = lead_counts.setdefault(campaign_id, [0, 0])
            counts[0] += 1
            counts[1] += lead.converted
    won: dict[tuple[str, str], list[Decimal]] = {}
    for deal in deals:
        if deal.won and deal.campaign_id and not deal.deleted:
            won.setdefault((deal.campaign_id, deal.currency), []).append(deal.amount)
    rows = []
    for campaign in sorted(campaigns, key=lambda c: (c.name, c.campaign_id)):
        leads_here, converted = lead_counts.get(campaign.campaign_id, [0, 0])
        currencies = {campaign.currency} | {c for (cid, c) in won if cid == campaign.campaign_id}
        for currency in sorted(currencies):
            amounts = won.get((campaign.campaign_id, currency), [])
            rows.append(
                CampaignRow(
                    campaign.campaign_id,
                    campaign.name,
                    currency,
                    leads_here,
                    converted,
                    len(amounts),
                    sum(amounts, Decimal("0.00")),
                    campaign.cost if currency == campaign.currency else None,
                    campaign.deleted,
                )
            )
    return rows
