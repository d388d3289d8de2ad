"""Contacts in their table, with the campaign links their lead brought."""

from __future__ import annotations

from sqlalchemy import exists, select

from crm_platform.paging import Page
from sales.adapters.campaign_links import CampaignLinks
from sales.adapters.records import RecordRepository
from sales.adapters.tables import ContactCampaignRow, ContactRow, DealRow
from sales.domain.contact import Contact
from sales.domain.visibility import ListScope


class ContactRepository(RecordRepository[Contact]):
    record_type = Contact
    row_type = ContactRow
    audit_type = "contact"

    @property
    def _campaigns(self) -> CampaignLinks:
        return CampaignLinks(self.session, ContactCampaignRow, "contact_id")

    def _save_links(self, contact: Contact) -> None:
        self._campaigns.replace(contact.id, contact.campaign_ids)

    def _delete_links(self, contact_id: str) -> None:
        self._campaigns.remove(contact_id)

    def _links(self, ids: list[str]):
        return self._campaigns.of(ids)

    def list(
        self,
        q: str,
        owner_id: str,
        customer_id: str,
        scope: ListScope,
        *,
        page_size: int,
        page_token: str,
    ) -> Page:
        query = self.scoped(select(ContactRow), scope, q)
        if owner_id:
            query = query.where(ContactRow.owner_id == owner_id)
        if customer_id:
            query = query.where(ContactRow.customer_id == customer_id)
        return self.page(query, page_size=page_size, page_token=page_token)

    def in_use(self, contact_id: str) -> bool:
        return bool(self.session.scalar(select(exists().where(DealRow.contact_id == contact_id))))
