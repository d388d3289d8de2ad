"""The stage rules: a deal moves between the nine stages of the dictionary until one closes it;
each move is written to its history and the probability always follows the stage."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from crm_platform.errors import FailedPrecondition, InvalidArgument
from crm_platform.validation import Violations
from sales.domain.dictionary import DealStage, Dictionary

if TYPE_CHECKING:
    from sales.domain.deal import Deal


@dataclass(frozen=True)
class HistoryEntry:
    deal_id: str
    stage: str
    amount: Decimal
    currency: str
    expected_close_date: date | None
    changed_by: str
    changed_at: datetime


@dataclass(frozen=True)
class StageChange:
    from_stage: str  # empty for a new deal
    from_probability: int
    to: DealStage


def open_stage(dictionary: Dictionary, code: str, v: Violations) -> DealStage | None:
    """The stage a new deal starts at: a known, open one."""
    stage = dictionary.stage(code)
    if stage is None:
        v.choice("stage", code, [s.code for s in dictionary.deal_stages])
    elif stage.closed:
        v.add("stage", "a new deal starts at an open stage; move it to close it")
    return stage


def move_deal(
    deal: Deal, code: str, dictionary: Dictionary, *, now: datetime
) -> tuple[Deal, StageChange]:
    """`deal` at stage `code`; a closed deal stays where it is (FailedPrecondition)."""
    target = dictionary.stage(code)
    if target is None:
        codes = ", ".join(s.code for s in dictionary.deal_stages)
        raise InvalidArgument.field("stage", f"must be one of: {codes}")
    if deal.closed:
        raise FailedPrecondition(f"deal {deal.id} is closed at {deal.stage} and cannot move")
    if target.code == deal.stage:
        raise FailedPrecondition(f"deal {deal.id} is already at {deal.stage}")
    change = StageChange(deal.stage, deal.probability, target)
    moved = replace(
        deal,
        stage=target.code,
        probability=target.probability,
        closed_at=now if target.closed else None,
        updated_at=now,
    )
    return moved, change


def first_change(deal: Deal, dictionary: Dictionary) -> StageChange:
    """The change a new deal makes: from nowhere to its first stage."""
    stage = dictionary.stage(deal.stage)
    assert stage is not None, "new_deal checked the stage"
    return StageChange("", 0, stage)


def history_entry(deal: Deal, *, changed_by: str, now: datetime) -> HistoryEntry:
    return HistoryEntry(
        deal_id=deal.id,
        stage=deal.stage,
        amount=deal.amount,
        currency=deal.currency,
        expected_close_date=deal.expected_close_date,
        changed_by=changed_by,
        changed_at=now,
    )
