"""Saved views in the gateway's saved_views table."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from gateway.adapters.tables import SavedViewRow
from gateway.domain.saved_view import SavedView


def _view(row: SavedViewRow) -> SavedView:
    return SavedView(
        id=row.id,
        user_id=row.user_id,
        kind=row.kind,
        name=row.name,
        filters=dict(row.filters),
        sort=row.sort,
        columns=list(row.columns),
        created_at=row.created_at,
    )


class SavedViewRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, view: SavedView) -> None:
        self._session.add(
            SavedViewRow(
                id=view.id,
                user_id=view.user_id,
                kind=view.kind,
                name=view.name,
                filters=view.filters,
                sort=view.sort,
                columns=view.columns,
                created_at=view.created_at,
            )
        )
        self._session.flush()

    def of_user(self, user_id: str, kind: str) -> list[SavedView]:
        rows = self._session.scalars(
            select(SavedViewRow)
            .where(SavedViewRow.user_id == user_id, SavedViewRow.kind == kind)
            .order_by(SavedViewRow.name)
        )
        return [_view(row) for row in rows]

    def named(self, user_id: str, kind: str, name: str) -> SavedView | None:
        row = self._session.scalars(
            select(SavedViewRow).where(
                SavedViewRow.user_id == user_id,
                SavedViewRow.kind == kind,
                SavedViewRow.name == name,
            )
        ).first()
        return _view(row) if row else None

    def count(self, user_id: str, kind: str) -> int:
        query = select(func.count()).where(
            SavedViewRow.user_id == user_id, SavedViewRow.kind == kind
        )
        return self._session.scalar(query) or 0

    def remove(self, user_id: str, view_id: str) -> bool:
        """Only the user's own view goes; False when they have none of that id."""
        result = self._session.execute(
            delete(SavedViewRow).where(SavedViewRow.id == view_id, SavedViewRow.user_id == user_id)
        )
        return bool(result.rowcount)
