"""Moving a deal between stages, and reading the history the moves wrote."""

from __future__ import annotations

from crm_platform.request_context import current_identity
from crm_platform.unit_of_work import UnitOfWork
from sales.adapters.deal_repository import DealRepository
from sales.adapters.dictionary_repository import load_dictionary
from sales.domain import stages
from sales.domain.deal import Deal
from sales.domain.dictionary import Dictionary
from sales.service.access import fetch, now
from sales.service.events import DEAL_CLOSED, DEAL_STAGE_CHANGED, deal_closed, deal_stage_changed


def move_deal(uow: UnitOfWork, deal_id: str, stage: str) -> Deal:
    with uow:
        deals = DealRepository(uow.session)
        deal = fetch(deals, "deal", deal_id, change=True)
        moved = apply_move(uow, deals, deal, stage, load_dictionary(uow.session))
        uow.commit()
    return moved


def apply_move(
    uow: UnitOfWork, deals: DealRepository, deal: Deal, stage: str, dictionary: Dictionary
) -> Deal:
    """Inside an open unit of work: the move, its history row and its events."""
    actor, moment = current_identity().user_id, now()
    moved, change = stages.move_deal(deal, stage, dictionary, now=moment)
    deals.save(moved, action="moved")
    deals.record_history(stages.history_entry(moved, changed_by=actor, now=moment))
    uow.publish(DEAL_STAGE_CHANGED, moved.id, deal_stage_changed(moved, change, actor))
    if change.to.closed:
        uow.publish(DEAL_CLOSED, moved.id, deal_closed(moved, change))
    return moved


def deal_history(uow: UnitOfWork, deal_id: str) -> list[stages.HistoryEntry]:
    with uow.read_only():
        deals = DealRepository(uow.session)
        fetch(deals, "deal", deal_id)
        return deals.history(deal_id)
