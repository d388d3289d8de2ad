"""Leads in their table, with their campaign links."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Select, exists, select

from sales.adapters.campaign_links import CampaignLinks
from sales.adapters.listed import ListedRepository
from sales.adapters.tables import LeadCampaignRow, LeadRow
from sales.domain.lead import Lead
from sales.domain.listing import Listing


class LeadRepository(ListedRepository[Lead]):
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

    def _narrowed(self, query: Select, listing: Listing) -> Select:
        """A lead's campaigns are links, not a column."""
        campaign_id = listing.equal.get("campaign_id", "")
        equal = {name: value for name, value in listing.equal.items() if name != "campaign_id"}
        query = super()._narrowed(query, replace(listing, equal=equal))
        if campaign_id:
            query = query.where(LeadRow.id.in_(self._campaigns.linked(campaign_id)))
        return query

    def scoped(self, query: Select, scope, q: str) -> Select:
        query = super().scoped(query, scope, q)
        if scope.campaign_linked_only:
            query = query.where(LeadRow.id.in_(self._campaigns.linked()))
        return query

    def is_campaign_linked(self, lead_id: str) -> bool:
        return bool(self.session.scalar(select(exists().where(LeadCampaignRow.lead_id == lead_id))))
