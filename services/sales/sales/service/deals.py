"""Use cases on deals: create (with its first history row), read, change, delete, list."""

from __future__ import annotations

from typing import Any

from crm_platform.errors import InvalidArgument
from crm_platform.paging import Page
from crm_platform.request_context import current_identity
from crm_platform.unit_of_work import UnitOfWork
from sales.adapters.contact_repository import ContactRepository
from sales.adapters.customer_repository import CustomerRepository
from sales.adapters.deal_repository import DealRepository
from sales.adapters.dictionary_repository import load_dictionary
from sales.adapters.note_repository import NoteRepository
from sales.domain import visibility as vis
from sales.domain.deal import Deal, change_deal, new_deal
from sales.domain.listing import Listing
from sales.domain.stages import first_change, history_entry
from sales.service.access import check_new_owner, fetch, now, owner_for_new
from sales.service.campaigns import CampaignDirectory
from sales.service.contacts import check_customer
from sales.service.deal_moves import apply_move
from sales.service.events import (
    DEAL_CHANGED,
    DEAL_DELETED,
    DEAL_STAGE_CHANGED,
    deal_changed,
    deal_deleted,
    deal_stage_changed,
)


def create_deal(uow: UnitOfWork, campaigns: CampaignDirectory, values: dict[str, Any]) -> Deal:
    identity = current_identity()
    vis.check_create(identity, "deal")
    values = owner_for_new(values)
    if values.get("campaign_id"):
        campaigns.check_exist([values["campaign_id"]], field="campaign_id")
    moment = now()
    with uow:
        dictionary = load_dictionary(uow.session)
        deal = new_deal(values, dictionary, now=moment)
        _check_parties(uow, deal)
        deals = DealRepository(uow.session)
        deals.add(deal)
        deals.record_history(history_entry(deal, changed_by=identity.user_id, now=moment))
        change = first_change(deal, dictionary)
        uow.publish(DEAL_STAGE_CHANGED, deal.id, deal_stage_changed(deal, change, identity.user_id))
        uow.commit()
    return deal


def get_deal(uow: UnitOfWork, deal_id: str) -> Deal:
    with uow.read_only():
        return fetch(DealRepository(uow.session), "deal", deal_id)


def update_deal(
    uow: UnitOfWork,
    campaigns: CampaignDirectory,
    deal_id: str,
    changes: dict[str, Any],
    *,
    expected_version: int = 0,
) -> Deal:
    """Changes the fields given; a new `stage` is a move, with its history and events.

    Other fields changed publish `sales.deal-changed` with the deal as it is after the whole
    update (move included), so that event and the move's are never in conflict."""
    check_new_owner(changes)
    changes = dict(changes)
    stage = changes.pop("stage", None)
    if changes.get("campaign_id"):
        campaigns.check_exist([changes["campaign_id"]], field="campaign_id")
    with uow:
        dictionary, deals = load_dictionary(uow.session), DealRepository(uow.session)
        deal = fetch(deals, "deal", deal_id, change=True, expected_version=expected_version)
        deal = change_deal(deal, changes, dictionary, now=now())
        if changes.keys() & {"customer_id", "contact_id"}:
            _check_parties(uow, deal)
        deals.save(deal)
        if stage and stage != deal.stage:
            deal = apply_move(uow, deals, deal, stage, dictionary)
        if changes:
            uow.publish(DEAL_CHANGED, deal.id, deal_changed(deal, dictionary.stage(deal.stage)))
        uow.commit()
    return deal


def delete_deal(uow: UnitOfWork, deal_id: str) -> None:
    with uow:
        deals = DealRepository(uow.session)
        fetch(deals, "deal", deal_id, change=True)
        NoteRepository(uow.session).remove_all("deal", deal_id)
        deals.remove(deal_id)
        uow.publish(DEAL_DELETED, deal_id, deal_deleted(deal_id, now()))
        uow.commit()


def list_deals(uow: UnitOfWork, listing: Listing, *, page_size: int, page_token: str) -> Page:
    scope = vis.list_scope(current_identity(), "deal")
    with uow.read_only():
        customer_id = listing.equal.get("customer_id")
        if customer_id:
            fetch(CustomerRepository(uow.session), "customer", customer_id)
        return DealRepository(uow.session).list(
            listing, scope, page_size=page_size, page_token=page_token
        )


def _check_parties(uow: UnitOfWork, deal: Deal) -> None:
    """The customer must be visible, and the contact (if any) one of that customer's."""
    check_customer(uow, deal.customer_id)
    if deal.contact_id:
        contact = ContactRepository(uow.session).get(deal.contact_id)
        if contact is None or contact.customer_id != deal.customer_id:
            raise InvalidArgument.field("contact_id", "must be a contact of the deal's customer")
