"""Stores and loads follow-ups in the service desk's tables."""

from __future__ import annotations

from dataclasses import asdict, fields

from sqlalchemy.orm import Session

from service_desk.adapters.tables import FollowUpRow
from service_desk.domain.follow_up import FollowUp

_FIELDS = tuple(f.name for f in fields(FollowUp))


class FollowUpRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, follow_up: FollowUp) -> None:
        self._session.add(FollowUpRow(**asdict(follow_up)))

    def get(self, follow_up_id: str) -> FollowUp | None:
        row = self._session.get(FollowUpRow, follow_up_id)
        if row is None:
            return None
        return FollowUp(**{name: getattr(row, name) for name in _FIELDS})
