"""Stores and loads logged activities; a deletion is kept in the audit log."""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

from sqlalchemy import Select, delete, select, update
from sqlalchemy.orm import Session

from activities.adapters.scoping import within
from activities.adapters.tables import ActivityRow
from activities.domain.access import Scope
from activities.domain.activity import Activity
from activities.domain.commands import ActivityFilter
from crm_platform.audit.recording import (
    current_values,
    record_created,
    record_deleted,
    record_updated,
)
from crm_platform.paging import Page, keyset_page

_FIELDS = tuple(f.name for f in fields(Activity))
# Newest first: the list is a history.
_ORDER = (ActivityRow.at, ActivityRow.id)


class ActivityRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, activity: Activity) -> None:
        self._session.add(ActivityRow(**_row_values(activity), id=activity.id))
        record_created(self._session, "activity", activity.id, activity)

    def get(self, activity_id: str, *, for_update: bool = False) -> Activity | None:
        query = select(ActivityRow).where(ActivityRow.id == activity_id)
        if for_update:
            query = query.with_for_update()
        row = self._session.scalars(query).one_or_none()
        return _activity(row) if row is not None else None

    def update(self, activity: Activity) -> None:
        values = _row_values(activity)
        before = current_values(self._session, ActivityRow.__table__, activity.id, values)
        self._session.execute(
            update(ActivityRow).where(ActivityRow.id == activity.id).values(**values)
        )
        record_updated(self._session, "activity", activity.id, before, values)

    def delete(self, activity: Activity) -> None:
        self._session.execute(delete(ActivityRow).where(ActivityRow.id == activity.id))
        # What was deleted stays readable in the audit log, with who deleted it.
        record_deleted(self._session, "activity", activity.id, activity)

    def page(self, given: ActivityFilter, scope: Scope, *, size: int, token: str) -> Page:
        query = within(
            matching(given), scope, ActivityRow.author_id, related_type=ActivityRow.related_type
        )
        page = keyset_page(
            self._session, query, _ORDER, requested_size=size, token=token, descending=True
        )
        return Page([_activity(r) for r in page.items], page.next_page_token, page.total)


def matching(given: ActivityFilter) -> Select:
    query = select(ActivityRow)
    for column, value in (
        (ActivityRow.kind, given.kind),
        (ActivityRow.author_id, given.author_id),
        (ActivityRow.related_type, given.related_type),
        (ActivityRow.related_id, given.related_id),
    ):
        if value:
            query = query.where(column == value)
    return query


def _row_values(activity: Activity) -> dict[str, Any]:
    values = {name: getattr(activity, name) for name in _FIELDS if name != "id"}
    values["contact_ids"] = " ".join(activity.contact_ids)
    return values


def _activity(row: ActivityRow) -> Activity:
    activity = Activity(
        **{name: getattr(row, name) for name in _FIELDS if name != "contact_ids"}, contact_ids=()
    )
    return replace(activity, contact_ids=tuple(row.contact_ids.split()))
