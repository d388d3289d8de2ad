"""Contacts in their table, with the campaign links their lead brought."""

from __future__ import annotations

from sqlalchemy import exists, select

from sales.adapters.campaign_links import CampaignLinks
from sales.adapters.listed import ListedRepository
from sales.adapters.tables import ContactCampaignRow, ContactRow, DealRow
from sales.domain.contact import Contact


class ContactRepository(ListedRepository[Contact]):
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

    def in_use(self, contact_id: str) -> bool:
        return bool(self.session.scalar(select(exists().where(DealRow.contact_id == contact_id))))
