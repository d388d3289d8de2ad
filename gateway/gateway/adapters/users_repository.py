"""Accounts in the `users` table, translated to and from the domain's `Account`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, func, or_, select
from sqlalchemy.orm import Session

from gateway.adapters.tables import TokenRow, UserRow
from gateway.adapters.tokens_repository import live
from gateway.domain.account import Account

# Built once: it runs on every request, and building the expression and its cache key each
# time cost more than the query itself on SQLite.
_HOLDER_OF_LIVE_TOKEN = (
    select(UserRow)
    .join(TokenRow, TokenRow.user_id == UserRow.id)
    .where(live(bindparam("digest"), bindparam("now")))
)


class UserRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, user_id: str) -> Account | None:
        row = self._session.get(UserRow, user_id)
        return _to_account(row) if row else None

    def get_by_live_token(self, digest: str, now: datetime) -> Account | None:
        """The holder of a token neither expired nor revoked: one query for every request."""
        row = self._session.scalars(_HOLDER_OF_LIVE_TOKEN, {"digest": digest, "now": now}).first()
        return _to_account(row) if row else None

    def get_by_username(self, username: str) -> Account | None:
        row = self._session.scalars(select(UserRow).where(UserRow.username == username)).first()
        return _to_account(row) if row else None

    def exists_with_role(self, role: str) -> bool:
        # Roles live in a JSON list, which SQLite and PostgreSQL query differently; the
        # user table is small enough to filter here.
        return any(role in roles for roles in self._session.scalars(select(UserRow.roles)))

    def save(self, account: Account) -> None:
        row = self._session.get(UserRow, account.id) or UserRow(id=account.id)
        row.username = account.username
        row.display_name = account.display_name
        row.email = account.email
        row.roles = sorted(account.roles)
        row.password_hash = account.password_hash
        row.locked = account.locked
        row.expires_at = account.expires_at
        row.allowed_ips = list(account.allowed_ips)
        row.failed_logins = account.failed_logins
        row.locked_until = account.locked_until
        row.created_at = account.created_at
        row.updated_at = account.updated_at
        row.language = account.language
        self._session.add(row)
        self._session.flush()

    def page(self, *, offset: int, limit: int, q: str | None) -> tuple[list[Account], int]:
        """One page of accounts ordered by username, and how many match in all."""
        query = select(UserRow)
        if q:
            pattern = f"%{q.lower()}%"
            query = query.where(
                or_(
                    UserRow.username.like(pattern),
                    func.lower(UserRow.display_name).like(pattern),
                    func.lower(UserRow.email).like(pattern),
                )
            )
        total = self._session.scalar(select(func.count()).select_from(query.subquery())) or 0
        rows = self._session.scalars(query.order_by(UserRow.username).offset(offset).limit(limit))
        return [_to_account(row) for row in rows], total


def _to_account(row: UserRow) -> Account:
    return Account(
        id=row.id,
        username=row.username,
        display_name=row.display_name,
        email=row.email,
        roles=frozenset(row.roles or ()),
        password_hash=row.password_hash,
        locked=row.locked,
        expires_at=row.expires_at,
        allowed_ips=tuple(row.allowed_ips or ()),
        failed_logins=row.failed_logins,
        locked_until=row.locked_until,
        created_at=row.created_at,
        updated_at=row.updated_at,
        language=row.language,
    )
