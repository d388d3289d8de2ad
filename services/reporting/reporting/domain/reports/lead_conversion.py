"""Lead creation and conversion, in total, by source and by campaign.

A cohort view: the leads created in the window, and how many of those are converted by now,
so the rate is never above one. A lead linked to several campaigns counts for each of them.
Deleted leads count nowhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from reporting.domain.leads import LeadFact
from reporting.domain.money import ratio
from reporting.domain.window import Window


@dataclass(frozen=True)
class ConversionRow:
    key: str  # the source code or the campaign id; "" for the total
    name: str
    created: int
    converted: int

    @property
    def conversion_rate(self) -> float | None:
        return ratio(self.converted, self.created)


@dataclass(frozen=True)
class LeadReport:
    total: ConversionRow
    by_source: list[ConversionRow]
    by_campaign: list[ConversionRow]


def lead_report(
    leads: Iterable[LeadFact], window: Window, campaign_names: Mapping[str, str]
) -> LeadReport:
    cohort = [
        lead
        for lead in leads
        if not lead.deleted and lead.created_at and window.contains(lead.created_at)
    ]
    by_source: dict[str, list[LeadFact]] = {}
    by_campaign: dict[str, list[LeadFact]] = {}
    for lead in cohort:
        by_source.setdefault(lead.source, []).append(lead)
        for campaign_id in set(lead.campaign_ids):
            by_campaign.setdefault(campaign_id, []).append(lead)
    return LeadReport(
        _row("", "", cohort),
        [_row(source, source, group) for source, group in sorted(by_source.items())],
        [
            _row(campaign_id, campaign_names.get(campaign_id, ""), group)
            for campaign_id, group in sorted(by_campaign.items())
        ],
    )


def _row(key: str, name: str, leads: list[LeadFact]) -> ConversionRow:
    return ConversionRow(key, name, len(leads), sum(1 for lead in leads if lead.converted))
