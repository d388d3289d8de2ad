"""Use cases on campaigns."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from crm_platform.errors import NotFound
from crm_platform.request_context import current_identity
from crm_platform.unit_of_work import UnitOfWork
from marketing.adapters.campaign_repository import CampaignRepository
from marketing.domain.campaign import Campaign, plan_campaign
from marketing.domain.commands import CreateCampaign
from marketing.service.events import CAMPAIGN_CHANGED, campaign_changed


def create_campaign(uow: UnitOfWork, command: CreateCampaign) -> Campaign:
    owner_id = command.owner_id or current_identity().user_id
    # Validated before the transaction opens: a refused campaign never takes the write lock.
    campaign = plan_campaign(replace(command, owner_id=owner_id), now=datetime.now(UTC))
    with uow:
        CampaignRepository(uow.session).add(campaign)
        uow.publish(CAMPAIGN_CHANGED, campaign.id, campaign_changed(campaign))
        uow.commit()
    return campaign


def get_campaign(uow: UnitOfWork, campaign_id: str) -> Campaign:
    with uow:
        campaign = CampaignRepository(uow.session).get(campaign_id)
    if campaign is None:
        raise NotFound(f"campaign {campaign_id} not found")
    return campaign
