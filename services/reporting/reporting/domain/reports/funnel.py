"""The sales funnel: deals by current stage, with conversion from each stage to the next.

Conversion comes from stage history, not from current counts: every deal keeps the furthest
stage it reached (`furthest_order`), and a deal that reached stage n reached every stage before
it. conversion_to_next(stage) = deals that reached the next stage / deals that reached this one.
Closed stages have no next stage (None). Figures are per currency: one funnel per currency.
A deleted deal is in no funnel.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from reporting.domain.deals import DealFact
from reporting.domain.money import ratio
from reporting.domain.stages import ALL_STAGES, next_stage, progress_order


@dataclass(frozen=True)
class FunnelRow:
    stage: str
    currency: str
    count: int
    amount: Decimal
    conversion_to_next: float | None


def funnel(deals: Iterable[DealFact]) -> list[FunnelRow]:
    by_currency: dict[str, list[DealFact]] = {}
    for deal in deals:
        if deal.deleted:
            continue
        by_currency.setdefault(deal.currency, []).append(deal)
    rows: list[FunnelRow] = []
    for currency in sorted(by_currency):
        rows += _one_funnel(currency, by_currency[currency])
    return rows


def _one_funnel(currency: str, deals: list[DealFact]) -> list[FunnelRow]:
    rows = []
    for stage in ALL_STAGES:
        here = [d for d in deals if d.stage == stage]
        following = next_stage(stage)
        conversion = None
        if following is not None:
            reached = sum(1 for d in deals if d.furthest_order >= progress_order(stage))
            moved_on = sum(1 for d in deals if d.furthest_order >= progress_order(following))
            conversion = ratio(moved_on, reached)
        total = sum((d.amount for d in here), Decimal("0.00"))
        rows.append(FunnelRow(stage, currency, len(here), total, conversion))
    return rows
