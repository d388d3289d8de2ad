"""API tokens: rows of access_tokens with kind 'api', an id and a name. Sharing the table with
login tokens means one lookup (TokenRepository.active_user_id) authenticates both."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from gateway.adapters.tables import TokenRow
from gateway.domain.api_token import ApiToken
from gateway.domain.tokens import API


class ApiTokenRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, token: ApiToken, digest: str) -> None:
        self._session.add(
            TokenRow(
                digest=digest,
                user_id=token.user_id,
                created_at=token.created_at,
                expires_at=token.expires_at,
                kind=API,
                id=token.id,
                name=token.name,
                created_by=token.created_by,
            )
        )
        self._session.flush()

    def of_user(self, user_id: str) -> list[ApiToken]:
        rows = self._session.scalars(
            select(TokenRow)
            .where(TokenRow.user_id == user_id, TokenRow.kind == API)
            .order_by(TokenRow.created_at.desc())
        )
        return [_token(row) for row in rows]

    def revoke(self, user_id: str, token_id: str, now: datetime) -> str | None:
        """Revoke one of the user's API tokens; its digest (None if it was not theirs)."""
        digest = self._session.scalar(
            select(TokenRow.digest).where(
                TokenRow.id == token_id, TokenRow.user_id == user_id, TokenRow.kind == API
            )
        )
        if digest is not None:
            self._session.execute(
                update(TokenRow)
                .where(TokenRow.digest == digest, TokenRow.revoked_at.is_(None))
                .values(revoked_at=now)
            )
        return digest


def _token(row: TokenRow) -> ApiToken:
    return ApiToken(
        id=row.id or "",
        user_id=row.user_id,
        name=row.name or "",
        created_by=row.created_by or "",
        created_at=row.created_at,
        expires_at=row.expires_at,
        revoked_at=row.revoked_at,
    )
