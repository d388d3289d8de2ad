"""Stored first responses of keyed POSTs."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, delete, or_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from gateway.adapters.tables import IdempotencyRow
from gateway.domain.idempotency import KEY_LIFETIME, StoredResponse


class IdempotencyRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, user_id: str, key: str) -> IdempotencyRow | None:
        return self._session.get(IdempotencyRow, (user_id, key))

    @staticmethod
    def as_stored(row: IdempotencyRow) -> StoredResponse:
        return StoredResponse(row.fingerprint, row.status, row.created_at)

    def claim(
        self,
        user_id: str,
        key: str,
        fingerprint: str,
        now: datetime,
        running_lifetime: timedelta,
    ) -> bool:
        """Record a running request under the key; False if another got there first. A row
        past its lifetime (a request killed before it answered: `running_lifetime`) goes."""
        self._session.execute(
            delete(IdempotencyRow).where(
                IdempotencyRow.user_id == user_id,
                IdempotencyRow.key == key,
                or_(
                    IdempotencyRow.created_at <= now - KEY_LIFETIME,
                    and_(
                        IdempotencyRow.status.is_(None),
                        IdempotencyRow.created_at <= now - running_lifetime,
                    ),
                ),
            )
        )
        self._session.add(
            IdempotencyRow(user_id=user_id, key=key, fingerprint=fingerprint, created_at=now)
        )
        try:
            self._session.flush()
        except IntegrityError:
            self._session.rollback()
            return False
        return True

    def purge_expired(self, now: datetime) -> None:
        self._session.execute(
            delete(IdempotencyRow).where(IdempotencyRow.created_at <= now - KEY_LIFETIME)
        )
