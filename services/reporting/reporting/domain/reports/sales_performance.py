"""Sales performance: deals closed in the window, per period of their close and per owner,
per currency: amount won, deals won and lost, win rate, average sales cycle in days (from the
deal's creation to its close, over won deals). Deleted deals are left out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from reporting.domain.deals import DealFact
from reporting.domain.money import ratio
from reporting.domain.window import Window

PERIODS = ("day", "week", "month", "quarter", "year", "all")
GROUPINGS = ("owner", "none")


@dataclass(frozen=True)
class SalesRow:
    period: str
    owner_id: str
    currency: str
    won_amount: Decimal
    won: int
    lost: int
    average_cycle_days: float | None

    @property
    def win_rate(self) -> float | None:
        return ratio(self.won, self.won + self.lost)


def period_of(moment: datetime, period: str) -> str:
    if period == "day":
        return moment.date().isoformat()
    if period == "week":
        year, week, _ = moment.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "month":
        return f"{moment.year}-{moment.month:02d}"
    if period == "quarter":
        return f"{moment.year}-Q{(moment.month - 1) // 3 + 1}"
    if period == "year":
        return str(moment.year)
    return "all"


def sales_report(
    deals: Iterable[DealFact], window: Window, period: str, group_by: str
) -> list[SalesRow]:
    groups: dict[tuple[str, str, str], list[DealFact]] = {}
    for deal in deals:
        if (
            deal.deleted
            or not deal.closed
            or deal.closed_at is None
            or not window.contains(deal.closed_at)
        ):
            continue
        owner = deal.owner_id if group_by == "owner" else ""
        key = (period_of(deal.closed_at, period), owner, deal.currency)
        groups.setdefault(key, []).append(deal)
    return [_row(key, groups[key]) for key in sorted(groups)]


def _row(key: tuple[str, str, str], deals: list[DealFact]) -> SalesRow:
    won = [d for d in deals if d.won]
    cycles = [(d.closed_at - d.created_at).total_seconds() / 86400 for d in won if d.closed_at]
    average = round(sum(cycles) / len(cycles), 2) if cycles else None
    return SalesRow(
        *key,
        won_amount=sum((d.amount for d in won), Decimal("0.00")),
        won=len(won),
        lost=len(deals) - len(won),
        average_cycle_days=average,
    )
