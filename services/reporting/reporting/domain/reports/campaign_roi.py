"""Campaign attribution and ROI: leads and conversions linked to each campaign, deals won
with the campaign set, their revenue, the campaign's actual cost, ROI = (revenue - cost) / cost.

One row per campaign and currency: the campaign's own currency (where its cost is) and every
currency a won deal of it was in. Revenue and cost are only compared within one currency, so a
row in another currency than the campaign's has no cost and no ROI. Deleted leads and deals
count for no campaign.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from reporting.domain.campaigns import CampaignFact
from reporting.domain.deals import DealFact
from reporting.domain.leads import LeadFact
from reporting.domain.money import CENTS, ratio


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


class LeadCounts(NamedTuple):
    """A campaign's live leads (created or converted) and how many of them are converted."""

    leads: int
    converted: int


class WonDeals(NamedTuple):
    """A campaign's live won deals in one currency."""

    count: int
    revenue: Decimal


NO_LEADS = LeadCounts(0, 0)


def campaign_report(
    campaigns: Iterable[CampaignFact], leads: Iterable[LeadFact], deals: Iterable[DealFact]
) -> list[CampaignRow]:
    """The report from the facts themselves: what the database's sums must agree with."""
    lead_counts: dict[str, LeadCounts] = {}
    for lead in leads:
        if lead.deleted or (lead.created_at is None and lead.converted_at is None):
            continue
        for campaign_id in set(lead.campaign_ids):
            leads_here, converted = lead_counts.get(campaign_id, NO_LEADS)
            lead_counts[campaign_id] = LeadCounts(leads_here + 1, converted + lead.converted)
    won: dict[tuple[str, str], WonDeals] = {}
    for deal in deals:
        if deal.won and deal.campaign_id and not deal.deleted:
            count, revenue = won.get((deal.campaign_id, deal.currency), (0, Decimal("0.00")))
            won[deal.campaign_id, deal.currency] = WonDeals(count + 1, revenue + deal.amount)
    ordered = sorted(campaigns, key=lambda c: (c.name, c.campaign_id))
    return campaign_rows(ordered, lead_counts, won)


def campaign_rows(
    campaigns: Iterable[CampaignFact],
    lead_counts: Mapping[str, LeadCounts],
    won: Mapping[tuple[str, str], WonDeals],
) -> list[CampaignRow]:
    """Rows of the campaigns in the order given, from their summed leads and won deals."""
    currencies_won: dict[str, set[str]] = {}
    for campaign_id, currency in won:
        currencies_won.setdefault(campaign_id, set()).add(currency)
    rows = []
    for campaign in campaigns:
        leads_here, converted = lead_counts.get(campaign.campaign_id, NO_LEADS)
        currencies = {campaign.currency} | currencies_won.get(campaign.campaign_id, set())
        for currency in sorted(currencies):
            count, revenue = won.get((campaign.campaign_id, currency), (0, Decimal("0.00")))
            rows.append(
                CampaignRow(
                    campaign.campaign_id,
                    campaign.name,
                    currency,
                    leads_here,
                    converted,
                    count,
                    revenue.quantize(CENTS),
                    campaign.cost if currency == campaign.currency else None,
                    campaign.deleted,
                )
            )
    return rows
