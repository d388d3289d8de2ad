"""Marketing's unit of work: the platform's transaction, with marketing's repositories."""

from __future__ import annotations

from crm_platform.unit_of_work import UnitOfWork
from marketing.adapters.campaign_repository import CampaignRepository
from marketing.adapters.note_repository import NoteRepository


class MarketingUnitOfWork(UnitOfWork):
    @property
    def campaigns(self) -> CampaignRepository:
        return CampaignRepository(self.session)

    @property
    def notes(self) -> NoteRepository:
        return NoteRepository(self.session)
