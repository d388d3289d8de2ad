"""Use cases on leads: create, read, change, delete, list, and their campaign links."""

from __future__ import annotations

from typing import Any

from crm_platform.errors import NotFound
from crm_platform.paging import Page
from crm_platform.request_context import current_identity
from crm_platform.unit_of_work import UnitOfWork
from sales.adapters.dictionary_repository import load_dictionary
from sales.adapters.lead_repository import LeadRepository
from sales.adapters.note_repository import NoteRepository
from sales.domain import visibility as vis
from sales.domain.lead import Lead, change_lead, new_lead
from sales.domain.listing import Listing
from sales.service.access import check_new_owner, fetch, now, owner_for_new
from sales.service.campaigns import CampaignDirectory
from sales.service.events import (
    LEAD_CHANGED,
    LEAD_CREATED,
    LEAD_DELETED,
    lead_changed,
    lead_created,
    lead_deleted,
)


def create_lead(uow: UnitOfWork, campaigns: CampaignDirectory, values: dict[str, Any]) -> Lead:
    vis.check_create(current_identity(), "lead")
    values = owner_for_new(values)
    # Asked before the transaction opens: marketing being slow never holds a write lock.
    campaigns.check_exist(values.get("campaign_ids") or ())
    with uow:
        lead = new_lead(values, load_dictionary(uow.session), now=now())
        LeadRepository(uow.session).add(lead)
        uow.publish(LEAD_CREATED, lead.id, lead_created(lead))
        uow.commit()
    return lead


def get_lead(uow: UnitOfWork, lead_id: str) -> Lead:
    with uow.read_only():
        return fetch(LeadRepository(uow.session), "lead", lead_id)


def update_lead(
    uow: UnitOfWork,
    campaigns: CampaignDirectory,
    lead_id: str,
    changes: dict[str, Any],
    *,
    expected_version: int = 0,
) -> Lead:
    check_new_owner(changes)
    if changes.get("campaign_ids"):
        campaigns.check_exist(changes["campaign_ids"])
    with uow:
        leads = LeadRepository(uow.session)
        lead = change_lead(
            fetch(leads, "lead", lead_id, change=True, expected_version=expected_version),
            changes,
            load_dictionary(uow.session),
            now=now(),
        )
        leads.save(lead)
        uow.publish(LEAD_CHANGED, lead.id, lead_changed(lead))
        uow.commit()
    return lead


def delete_lead(uow: UnitOfWork, lead_id: str) -> None:
    with uow:
        leads = LeadRepository(uow.session)
        fetch(leads, "lead", lead_id, change=True).ensure_editable()
        NoteRepository(uow.session).remove_all("lead", lead_id)
        leads.remove(lead_id)
        uow.publish(LEAD_DELETED, lead_id, lead_deleted(lead_id, now()))
        uow.commit()


def list_leads(uow: UnitOfWork, listing: Listing, *, page_size: int, page_token: str) -> Page:
    scope = vis.list_scope(current_identity(), "lead")
    with uow.read_only():
        return LeadRepository(uow.session).list(
            listing, scope, page_size=page_size, page_token=page_token
        )


def bind_campaign(
    uow: UnitOfWork, campaigns: CampaignDirectory, lead_id: str, campaign_id: str
) -> Lead:
    # Visibility first, so an unseen lead is NotFound before marketing is asked.
    with uow.read_only():
        current = fetch(LeadRepository(uow.session), "lead", lead_id, change=True)
    current.ensure_editable()
    campaigns.check_exist([campaign_id], field="campaign_id")
    return _relink(uow, lead_id, lambda ids: (*ids, campaign_id) if campaign_id not in ids else ids)


def unbind_campaign(uow: UnitOfWork, lead_id: str, campaign_id: str) -> Lead:
    def without(ids: tuple[str, ...]) -> tuple[str, ...]:
        if campaign_id not in ids:
            raise NotFound(f"lead {lead_id} is not linked to campaign {campaign_id}")
        return tuple(i for i in ids if i != campaign_id)

    return _relink(uow, lead_id, without)


def _relink(uow: UnitOfWork, lead_id: str, relink) -> Lead:
    with uow:
        leads = LeadRepository(uow.session)
        lead = fetch(leads, "lead", lead_id, change=True)
        lead = change_lead(
            lead,
            {"campaign_ids": relink(lead.campaign_ids)},
            load_dictionary(uow.session),
            now=now(),
        )
        leads.save(lead)
        uow.publish(LEAD_CHANGED, lead.id, lead_changed(lead))
        uow.commit()
    return lead
