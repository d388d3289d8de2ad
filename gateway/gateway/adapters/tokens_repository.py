"""Access tokens by digest: the token itself is never stored."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import BindParameter, ColumnElement, and_, delete, func, select, update
from sqlalchemy.orm import Session

from gateway.adapters.tables import TokenRow


class TokenRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, digest: str, user_id: str, created_at: datetime, expires_at: datetime) -> None:
        self._session.add(
            TokenRow(digest=digest, user_id=user_id, created_at=created_at, expires_at=expires_at)
        )
        self._session.flush()

    def active_user_id(self, digest: str, now: datetime) -> str | None:
        """The owner of the token, if it is neither expired nor revoked."""
        return self._session.scalar(select(TokenRow.user_id).where(live(digest, now)))

    def revoke(self, digest: str, now: datetime) -> None:
        self._session.execute(
            update(TokenRow)
            .where(TokenRow.digest == digest, TokenRow.revoked_at.is_(None))
            .values(revoked_at=now)
        )

    def revoke_all_of(
        self, user_id: str, now: datetime, kinds: Collection[str], spare: str | None = None
    ) -> dict[str, int]:
        """Revoke the user's live tokens of `kinds` ("session", "api") but the one of digest
        `spare` (the caller's own, when they end their other sessions); how many of each."""
        live_ones = and_(
            TokenRow.user_id == user_id,
            TokenRow.kind.in_(kinds),
            TokenRow.revoked_at.is_(None),
            TokenRow.expires_at > now,
            TokenRow.digest != (spare or ""),
        )
        counts = dict(
            self._session.execute(
                select(TokenRow.kind, func.count()).where(live_ones).group_by(TokenRow.kind)
            ).all()
        )
        self._session.execute(update(TokenRow).where(live_ones).values(revoked_at=now))
        return {kind: counts.get(kind, 0) for kind in kinds}

    def purge_expired(self, now: datetime) -> None:
        """Drop tokens past their expiry; revoked ones go too once they would have expired."""
        self._session.execute(delete(TokenRow).where(TokenRow.expires_at <= now))


def live(
    digest: str | BindParameter[str], now: datetime | BindParameter[datetime]
) -> ColumnElement[bool]:
    """The token row of `digest`, if it is neither expired nor revoked (values or parameters)."""
    return and_(
        TokenRow.digest == digest,
        TokenRow.revoked_at.is_(None),
        TokenRow.expires_at > now,
    )
