"""Each account's login history by address, in `login_addresses`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, delete, update
from sqlalchemy.orm import Session

from gateway.adapters.tables import LoginAddressRow
from gateway.domain.login_history import AddressHistory

FIELDS = ("failures", "wait_until", "last_failure_at", "succeeded_at")


class LoginHistoryRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, user_id: str, address: str) -> AddressHistory:
        """The history of `address` (a fresh one if it never tried this account)."""
        row = self._session.get(LoginAddressRow, (user_id, address))
        if row is None:
            return AddressHistory()
        return AddressHistory(**{name: getattr(row, name) for name in FIELDS})

    def save(self, user_id: str, address: str, history: AddressHistory) -> None:
        row = self._session.get(LoginAddressRow, (user_id, address))
        row = row or LoginAddressRow(user_id=user_id, address=address)
        for name in FIELDS:
            setattr(row, name, getattr(history, name))
        self._session.add(row)
        self._session.flush()

    def end_waits(self, user_id: str) -> None:
        """An admin's unlock: every address of the user may try again at once."""
        self._session.execute(
            update(LoginAddressRow)
            .where(LoginAddressRow.user_id == user_id)
            .values(failures=0, wait_until=None)
        )

    def purge_strangers(self, user_id: str, before: datetime) -> None:
        """Forget addresses that never logged in and last failed before `before`: the table
        keeps the owner's addresses, not every address that ever guessed."""
        self._session.execute(
            delete(LoginAddressRow).where(
                and_(
                    LoginAddressRow.user_id == user_id,
                    LoginAddressRow.succeeded_at.is_(None),
                    LoginAddressRow.last_failure_at < before,
                )
            )
        )
