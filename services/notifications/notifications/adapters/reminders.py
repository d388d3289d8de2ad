"""Notifications due later: one per kind and record."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from notifications.adapters.tables import reminders
from notifications.domain.facts import Remind


class Reminders:
    def __init__(self, session: Session) -> None:
        self._session = session

    def set(self, remind: Remind) -> None:
        """Arm it, unless it is armed or fired already for the same time and user."""
        known = self._session.execute(
            select(reminders.c.fire_at, reminders.c.user_id).where(
                reminders.c.kind == remind.kind, reminders.c.related_id == remind.related_id
            )
        ).first()
        if known is not None and (known.fire_at, known.user_id) == (remind.fire_at, remind.user_id):
            return
        self.forget(remind.kind, remind.related_id)
        self._session.execute(
            insert(reminders).values(
                kind=remind.kind,
                related_id=remind.related_id,
                related_type=remind.related_type,
                user_id=remind.user_id,
                fire_at=remind.fire_at,
                params=json.dumps(remind.params),
                fired=False,
            )
        )

    def forget(self, kind: str, related_id: str) -> None:
        self._session.execute(
            delete(reminders).where(reminders.c.kind == kind, reminders.c.related_id == related_id)
        )

    def take_due(self, now: datetime, limit: int) -> list[Remind]:
        """Due reminders, marked fired here: the caller's commit makes their notifications and
        the mark one change (a second `send` replica skips rows the first holds)."""
        due = (reminders.c.fire_at <= now) & reminders.c.fired.is_(False)
        query = select(reminders).where(due).order_by(reminders.c.fire_at)
        if self._session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        rows = self._session.execute(query.limit(limit)).all()
        for row in rows:
            self._session.execute(
                update(reminders)
                .where(reminders.c.kind == row.kind, reminders.c.related_id == row.related_id)
                .values(fired=True)
            )
        return [
            Remind(
                kind=row.kind,
                user_id=row.user_id,
                related_type=row.related_type,
                related_id=row.related_id,
                fire_at=row.fire_at,
                params=json.loads(row.params),
            )
            for row in rows
        ]
