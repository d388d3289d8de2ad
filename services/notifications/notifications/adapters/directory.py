"""Users, their preferences and the records' owners as this service knows them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from notifications.adapters.tables import preferences, record_owners, user_settings, users
from notifications.domain.facts import UserSeen
from notifications.domain.kinds import DEFAULT_CHANNEL, DEFAULT_FREQUENCY, KINDS


@dataclass(frozen=True)
class Recipient:
    user_id: str
    email: str | None  # None: no e-mail to send to (unknown user, none given, inactive)
    language: str
    name: str


class Directory:
    def __init__(self, session: Session) -> None:
        self._session = session

    def save_user(self, user: UserSeen, language: str) -> None:
        values = {
            "username": user.username,
            "display_name": user.display_name,
            "email": user.email or None,
            "language": language,
            "active": user.active,
        }
        changed = self._session.execute(
            update(users).where(users.c.id == user.user_id).values(**values)
        )
        if not changed.rowcount:
            self._session.execute(insert(users).values(id=user.user_id, **values))

    def recipient(self, user_id: str) -> Recipient:
        row = self._session.execute(select(users).where(users.c.id == user_id)).first()
        if row is None:
            return Recipient(user_id, None, "en", "")
        email = row.email if row.active else None
        return Recipient(user_id, email, row.language, row.display_name or row.username)

    def channels(self, user_id: str) -> dict[str, str]:
        chosen = self._session.execute(
            select(preferences.c.kind, preferences.c.channel).where(
                preferences.c.user_id == user_id
            )
        ).all()
        return {kind: DEFAULT_CHANNEL for kind in KINDS} | {r.kind: r.channel for r in chosen}

    def frequency(self, user_id: str) -> str:
        chosen = self._session.scalar(
            select(user_settings.c.email_frequency).where(user_settings.c.user_id == user_id)
        )
        return chosen or DEFAULT_FREQUENCY

    def set_channels(self, user_id: str, chosen: dict[str, str]) -> None:
        if not chosen:
            return
        self._session.execute(
            delete(preferences).where(
                preferences.c.user_id == user_id, preferences.c.kind.in_(list(chosen))
            )
        )
        self._session.execute(
            insert(preferences),
            [{"user_id": user_id, "kind": k, "channel": c} for k, c in chosen.items()],
        )

    def set_frequency(self, user_id: str, frequency: str) -> None:
        self._session.execute(delete(user_settings).where(user_settings.c.user_id == user_id))
        self._session.execute(
            insert(user_settings).values(user_id=user_id, email_frequency=frequency)
        )

    def owner(self, related_type: str, related_id: str) -> tuple[str, str] | None:
        """(owner_id, subject) last recorded for the record, or None."""
        row = self._session.execute(
            select(record_owners.c.owner_id, record_owners.c.subject).where(
                record_owners.c.related_type == related_type,
                record_owners.c.related_id == related_id,
            )
        ).first()
        return (row.owner_id, row.subject) if row else None

    def set_owner(self, related_type: str, related_id: str, owner_id: str, subject: str) -> None:
        self._session.execute(
            delete(record_owners).where(
                record_owners.c.related_type == related_type,
                record_owners.c.related_id == related_id,
            )
        )
        self._session.execute(
            insert(record_owners).values(
                related_type=related_type,
                related_id=related_id,
                owner_id=owner_id,
                subject=subject[:500],
            )
        )
