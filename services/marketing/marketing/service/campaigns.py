"""Use cases on campaigns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from crm_platform.errors import InvalidArgument, NotFound
from crm_platform.paging import Page
from crm_platform.request_context import current_identity
from crm_platform.unit_of_work import UnitOfWork
from crm_platform.versions import check_version
from marketing.adapters.campaign_repository import CampaignRepository, with_ids
from marketing.domain import access
from marketing.domain.campaign import Campaign, plan_campaign, revise_campaign
from marketing.domain.commands import CampaignFilter, CreateCampaign, UpdateCampaign
from marketing.domain.listing import criteria_of
from marketing.service.events import CAMPAIGN_CHANGED, campaign_changed

# One bulk delete is one transaction; past this the caller should page through.
MAX_BULK_IDS = 1000


def create_campaign(uow: UnitOfWork, command: CreateCampaign) -> Campaign:
    caller = current_identity()
    access.require_creator(caller)
    owner_id = command.owner_id or caller.user_id
    # Validated before the transaction opens: a refused campaign never takes the write lock.
    campaign = plan_campaign(replace(command, owner_id=owner_id), now=datetime.now(UTC))
    with uow:
        CampaignRepository(uow.session).add(campaign)
        uow.publish(CAMPAIGN_CHANGED, campaign.id, campaign_changed(campaign))
        uow.commit()
    return campaign


def get_campaign(uow: UnitOfWork, campaign_id: str) -> Campaign:
    access.require_reader(current_identity(), f"campaign {campaign_id}")
    with uow.read_only():
        return _existing(CampaignRepository(uow.session), campaign_id)


def update_campaign(uow: UnitOfWork, command: UpdateCampaign) -> Campaign:
    access.require_manager(current_identity(), f"campaign {command.campaign_id}")
    with uow:
        campaigns = CampaignRepository(uow.session)
        current = _existing(campaigns, command.campaign_id, for_update=True)
        check_version("campaign", current, command.expected_version)
        campaign = revise_campaign(current, command.changes, now=datetime.now(UTC))
        campaigns.update(campaign)
        uow.publish(CAMPAIGN_CHANGED, campaign.id, campaign_changed(campaign))
        uow.commit()
    return campaign


def delete_campaign(uow: UnitOfWork, campaign_id: str) -> None:
    if not delete_campaigns(uow, [campaign_id]):
        raise NotFound(f"campaign {campaign_id} not found")


def delete_campaigns(uow: UnitOfWork, campaign_ids: Sequence[str]) -> int:
    """Deletes those of `campaign_ids` that exist; returns how many that was."""
    access.require_manager(current_identity(), "campaigns")
    if len(campaign_ids) > MAX_BULK_IDS:
        raise InvalidArgument.field("ids", f"at most {MAX_BULK_IDS} at once")
    with uow:
        campaigns = CampaignRepository(uow.session)
        # Loaded first: the deletion event carries the campaign as it last was.
        doomed = list(campaigns.stream(with_ids(campaign_ids)))
        campaigns.delete(c.id for c in doomed)
        for campaign in doomed:
            uow.publish(CAMPAIGN_CHANGED, campaign.id, campaign_changed(campaign, deleted=True))
        uow.commit()
    return len(doomed)


def list_campaigns(
    uow: UnitOfWork, given: CampaignFilter, *, page_size: int = 0, page_token: str = ""
) -> Page:
    caller = current_identity()
    access.require_caller(caller)
    criteria = criteria_of(given)
    if not access.may_read(caller):
        return Page([], None, 0)
    with uow.read_only():
        return CampaignRepository(uow.session).page(criteria, size=page_size, token=page_token)


def _existing(
    campaigns: CampaignRepository, campaign_id: str, *, for_update: bool = False
) -> Campaign:
    campaign = campaigns.get(campaign_id, for_update=for_update)
    if campaign is None:
        raise NotFound(f"campaign {campaign_id} not found")
    return campaign
