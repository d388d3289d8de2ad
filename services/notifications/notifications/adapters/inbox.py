"""The notifications table: writing new ones, a user's inbox, marking read."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from notifications.adapters.tables import notifications


class Inbox:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, **values) -> None:
        self._session.execute(insert(notifications).values(**values))

    def page(self, user_id: str, *, unread_only: bool, limit: int) -> list[Row]:
        query = select(notifications).where(
            notifications.c.user_id == user_id, notifications.c.in_app.is_(True)
        )
        if unread_only:
            query = query.where(notifications.c.read.is_(False))
        order = (notifications.c.created_at.desc(), notifications.c.id.desc())
        return list(self._session.execute(query.order_by(*order).limit(limit)).all())

    def count_unread(self, user_id: str) -> int:
        return self._session.scalar(
            select(func.count()).where(
                notifications.c.user_id == user_id,
                notifications.c.in_app.is_(True),
                notifications.c.read.is_(False),
            )
        )

    def get(self, user_id: str, notification_id: str) -> Row | None:
        return self._session.execute(
            select(notifications).where(
                notifications.c.id == notification_id,
                notifications.c.user_id == user_id,
                notifications.c.in_app.is_(True),
            )
        ).first()

    def mark_read(self, user_id: str, notification_id: str | None = None) -> int:
        query = update(notifications).where(
            notifications.c.user_id == user_id,
            notifications.c.in_app.is_(True),
            notifications.c.read.is_(False),
        )
        if notification_id is not None:
            query = query.where(notifications.c.id == notification_id)
        return self._session.execute(query.values(read=True)).rowcount

    def waiting_for_digest(self, created_before: datetime, limit: int) -> list[Row]:
        """Notifications of daily-digest users not yet mailed, oldest first."""
        return list(
            self._session.execute(
                select(notifications)
                .where(
                    notifications.c.email_state == "digest",
                    notifications.c.created_at < created_before,
                )
                .order_by(notifications.c.user_id, notifications.c.created_at)
                .limit(limit)
            ).all()
        )

    def mark_digested(self, ids: list[str]) -> None:
        self._session.execute(
            update(notifications).where(notifications.c.id.in_(ids)).values(email_state="digested")
        )
