"""Accounts in the `users` table, translated to and from the domain's `Account`."""

from __future__ import annotations

from sqlalchemy import Row, func, or_, select
from sqlalchemy.orm import Session

from gateway.adapters.tables import UserRow
from gateway.domain.account import Account


class UserRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, user_id: str) -> Account | None:
        row = self._session.get(UserRow, user_id)
        return to_account(row) if row else None

    def get_by_username(self, username: str) -> Account | None:
        row = self._session.scalars(select(UserRow).where(UserRow.username == username)).first()
        return to_account(row) if row else None

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
        return [to_account(row) for row in rows], total


def to_account(row: UserRow | Row) -> Account:
    """An account from its ORM row or a plain row of the users table (same names)."""
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
