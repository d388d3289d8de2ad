"""Stores and loads campaigns in marketing's tables."""

from __future__ import annotations

from dataclasses import asdict, fields

from sqlalchemy.orm import Session

from marketing.adapters.tables import CampaignRow
from marketing.domain.campaign import Campaign

_FIELDS = tuple(f.name for f in fields(Campaign))


class CampaignRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, campaign: Campaign) -> None:
        self._session.add(CampaignRow(**asdict(campaign)))

    def get(self, campaign_id: str) -> Campaign | None:
        row = self._session.get(CampaignRow, campaign_id)
        if row is None:
            return None
        return Campaign(**{name: getattr(row, name) for name in _FIELDS})
