"""The campaign ids linked to leads and contacts, kept in a link table per record type."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session


class CampaignLinks:
    def __init__(self, session: Session, row_type: type, owner_column: str) -> None:
        self._session = session
        self._row_type = row_type
        self._owner = getattr(row_type, owner_column)
        self._owner_column = owner_column

    def replace(self, record_id: str, campaign_ids: tuple[str, ...]) -> None:
        self.remove(record_id)
        if campaign_ids:
            self._session.execute(
                insert(self._row_type),
                [{self._owner_column: record_id, "campaign_id": c} for c in campaign_ids],
            )

    def remove(self, record_id: str) -> None:
        self._session.execute(delete(self._row_type).where(self._owner == record_id))

    def of(self, record_ids: list[str]) -> dict[str, dict[str, Any]]:
        if not record_ids:
            return {}
        found: dict[str, list[str]] = defaultdict(list)
        query = (
            select(self._owner, self._row_type.campaign_id)
            .where(self._owner.in_(record_ids))
            .order_by(self._owner, self._row_type.campaign_id)
        )
        for owner, campaign_id in self._session.execute(query):
            found[owner].append(campaign_id)
        return {owner: {"campaign_ids": tuple(ids)} for owner, ids in found.items()}

    def linked(self, campaign_id: str | None = None):
        """A subquery of the record ids linked to `campaign_id`, or to any campaign."""
        query = select(self._owner)
        if campaign_id:
            query = query.where(self._row_type.campaign_id == campaign_id)
        return query
