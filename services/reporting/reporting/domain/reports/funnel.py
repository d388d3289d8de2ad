"""The sales funnel: deals by current stage, with conversion from each stage to the next.

Conversion comes from stage history, not from current counts: every deal keeps the furthest
stage it reached (`furthest_order`), and a deal that reached stage n reached every stage before
it. conversion_to_next(stage) = deals that reached the next stage / deals that reached this one.
Closed stages have no next stage (None). Figures are per currency: one funnel per currency.
A deleted deal is in no funnel. The stages, their order and which are closed come from the
stage events (reporting keeps no list of its own).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple, Protocol

from reporting.domain.money import ratio
from reporting.domain.stages import Stage, in_order, next_stage


class FunnelDeal(Protocol):
    """What the funnel reads of a deal (a DealFact has it all)."""

    stage: str
    currency: str
    amount: Decimal
    furthest_order: int

    @property
    def deleted(self) -> bool: ...


class DealFigures(NamedTuple):
    """Only the funnel's fields of a live deal: the hot report reads these and nothing more."""

    stage: str
    currency: str
    amount: Decimal
    furthest_order: int
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
    """One currency's deals summed in one pass: by current stage, and by furthest stage."""

    count: Counter[str]
    amount: dict[str, Decimal]
    furthest: Counter[int]


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
        tally.furthest[deal.furthest_order] += 1
    rows: list[FunnelRow] = []
    for currency in sorted(tallies):
        rows += _one_funnel(currency, tallies[currency], stages)
    return rows


def _one_funnel(currency: str, tally: _Tally, stages: list[Stage]) -> list[FunnelRow]:
    def reached(stage: Stage) -> int:
        return sum(n for furthest, n in tally.furthest.items() if furthest >= stage.progress)

    rows = []
    for stage in stages:
        following = next_stage(stage, stages)
        conversion = None
        if following is not None:
            conversion = ratio(reached(following), reached(stage))
        total = tally.amount.get(stage.code, Decimal("0.00"))
        rows.append(FunnelRow(stage.code, currency, tally.count[stage.code], total, conversion))
    return rows
