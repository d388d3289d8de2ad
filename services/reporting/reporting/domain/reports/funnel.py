"""The sales funnel: deals by current stage, with how many moved on from each stage.

"Moved on" comes from stage history, not from current counts: every deal keeps the stages it
was at (`visited`, a bit per stage) and the furthest it reached (`furthest_order`).
conversion_to_next(stage) = of the deals that were at this stage, the share that reached a
further one. A stage no deal was at (deals may skip stages) has no figure (None), rather than
borrowing one from the stages around it; nor have the closed stages, which lead nowhere.
Figures are per currency: one funnel per currency.
A deleted deal is in no funnel. The stages, their order and which are closed come from the
stage events (reporting keeps no list of its own).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple, Protocol

from reporting.domain.deals import visited_bit
from reporting.domain.money import ratio
from reporting.domain.stages import Stage, in_order, next_stage


class FunnelDeal(Protocol):
    """What the funnel reads of a deal (a DealFact has it all)."""

    stage: str
    currency: str
    amount: Decimal
    furthest_order: int
    visited: int

    @property
    def deleted(self) -> bool: ...


class DealFigures(NamedTuple):
    """Only the funnel's fields of a live deal: the hot report reads these and nothing more."""

    stage: str
    currency: str
    amount: Decimal
    furthest_order: int
    visited: int = 0
    deleted: bool = False


@dataclass(frozen=True)
class FunnelRow:
    stage: str
    currency: str
    count: int
    amount: Decimal
    conversion_to_next: float | None


@dataclass
class _Tally:
    """One currency's deals summed in one pass: by current stage, and by the stages they
    were at with the furthest they reached (a few distinct pairs, however many deals)."""

    count: Counter[str]
    amount: dict[str, Decimal]
    history: Counter[tuple[int, int]]


def funnel(deals: Iterable[FunnelDeal], stages: Iterable[Stage]) -> list[FunnelRow]:
    stages = in_order(stages)
    tallies: dict[str, _Tally] = {}
    for deal in deals:
        if deal.deleted:
            continue
        tally = tallies.get(deal.currency)
        if tally is None:
            tally = tallies[deal.currency] = _Tally(Counter(), {}, Counter())
        tally.count[deal.stage] += 1
        tally.amount[deal.stage] = tally.amount.get(deal.stage, Decimal("0.00")) + deal.amount
        tally.history[deal.visited, deal.furthest_order] += 1
    rows: list[FunnelRow] = []
    for currency in sorted(tallies):
        rows += _one_funnel(currency, tallies[currency], stages)
    return rows


def _one_funnel(currency: str, tally: _Tally, stages: list[Stage]) -> list[FunnelRow]:
    def moved_on(stage: Stage) -> float | None:
        bit, were_at, went_further = visited_bit(stage.progress), 0, 0
        for (visited, furthest), n in tally.history.items():
            if visited & bit:
                were_at += n
                went_further += n if furthest > stage.progress else 0
        return ratio(went_further, were_at)

    rows = []
    for stage in stages:
        conversion = None
        if next_stage(stage, stages) is not None:
            conversion = moved_on(stage)
        total = tally.amount.get(stage.code, Decimal("0.00"))
        rows.append(FunnelRow(stage.code, currency, tally.count[stage.code], total, conversion))
    return rows
