"""Marketing's gRPC API: translates requests into use-case calls and results back."""

from __future__ import annotations

from collections.abc import Callable

from crm.marketing.v1 import marketing_pb2, marketing_pb2_grpc
from crm_platform.unit_of_work import UnitOfWork
from marketing.domain.campaign import Campaign
from marketing.domain.commands import CreateCampaign
from marketing.service.campaigns import create_campaign, get_campaign
from marketing.service.events import money


class MarketingServicer(marketing_pb2_grpc.MarketingServiceServicer):
    def __init__(self, new_uow: Callable[[], UnitOfWork]) -> None:
        self._new_uow = new_uow

    def CreateCampaign(self, request, context):  # noqa: N802 (gRPC's method name)
        command = CreateCampaign(
            name=request.name,
            type=request.type,
            status=request.status,
            owner_id=request.owner_id,
            start_date=request.start_date,
            end_date=request.end_date,
            budget=request.budget,
            actual_cost=request.actual_cost,
            currency=request.currency,
            description=request.description,
        )
        return campaign_message(create_campaign(self._new_uow(), command))

    def GetCampaign(self, request, context):  # noqa: N802
        return campaign_message(get_campaign(self._new_uow(), request.id))


def campaign_message(campaign: Campaign) -> marketing_pb2.Campaign:
    message = marketing_pb2.Campaign(
        id=campaign.id,
        name=campaign.name,
        type=campaign.type,
        status=campaign.status,
        owner_id=campaign.owner_id,
        start_date=campaign.start_date.isoformat() if campaign.start_date else "",
        end_date=campaign.end_date.isoformat() if campaign.end_date else "",
        budget=money(campaign.budget, campaign.currency),
        actual_cost=money(campaign.actual_cost, campaign.currency),
        description=campaign.description,
    )
    message.created_at.FromDatetime(campaign.created_at)
    message.updated_at.FromDatetime(campaign.updated_at)
    return message
