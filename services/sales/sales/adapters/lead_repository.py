"""Leads in their table, with their campaign links."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, select

from crm_platform.paging import Page
from sales.adapters.campaign_links import CampaignLinks
from sales.adapters.records import RecordRepository
from sales.adapters.tables import LeadCampaignRow, LeadRow
from sales.domain.lead import Lead
from sales.domain.visibility import ListScope


@dataclass(frozen=True)
class LeadFilters:
    q: str = ""
    owner_id: str = ""
    state: str = ""
    source: str = ""
    campaign_id: str = ""


class LeadRepository(RecordRepository[Lead]):
    record_type = Lead
    row_type = LeadRow
    audit_type = "lead"

    @property
    def _campaigns(self) -> CampaignLinks:
        return CampaignLinks(self.session, LeadCampaignRow, "lead_id")

    def _save_links(self, lead: Lead) -> None:
        self._campaigns.replace(lead.id, lead.campaign_ids)

    def _add_links(self, lead: Lead) -> None:
        # Most leads come without campaigns: no DELETE of links a new lead cannot have.
        if lead.campaign_ids:
            self._campaigns.replace(lead.id, lead.campaign_ids)

    def _delete_links(self, lead_id: str) -> None:
        self._campaigns.remove(lead_id)

    def _links(self, ids: list[str]):
        return self._campaigns.of(ids)

    def list(
        self, filters: LeadFilters, scope: ListScope, *, page_size: int, page_token: str
    ) -> Page:
        query = self.scoped(select(LeadRow), scope, filters.q)
        if scope.campaign_linked_only:
            query = query.where(LeadRow.id.in_(self._campaigns.linked()))
        for column, value in (
            (LeadRow.owner_id, filters.owner_id),
            (LeadRow.state, filters.state),
            (LeadRow.source, filters.source),
        ):
            if value:
                query = query.where(column == value)
        if filters.campaign_id:
            query = query.where(LeadRow.id.in_(self._campaigns.linked(filters.campaign_id)))
        return self.page(query, page_size=page_size, page_token=page_token)

    def is_campaign_linked(self, lead_id: str) -> bool:
        return bool(self.session.scalar(select(exists().where(LeadCampaignRow.lead_id == lead_id))))
