"""Stores and loads follow-ups in the service desk's tables."""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import datetime

from sqlalchemy import Select, func, or_, select, update
from sqlalchemy.orm import Session

from crm_platform.audit.recording import current_values, record_created, record_updated
from crm_platform.paging import Page
from crm_platform.sorting import moment_key, sorted_page, text_key, within
from crm_platform.versions import next_version
from service_desk.adapters.tables import FollowUpRow
from service_desk.domain.follow_up import FollowUp
from service_desk.domain.listing import FollowUpCriteria

_FIELDS = tuple(f.name for f in fields(FollowUp))
# Soonest due first: the list is a work queue.
_ORDER = (FollowUpRow.due_at, FollowUpRow.id)
_SORT_KEYS = {
    "due_at": moment_key("due_at", FollowUpRow.due_at),
    "created_at": moment_key("created_at", FollowUpRow.created_at),
    "updated_at": moment_key(
        "updated_at", func.coalesce(FollowUpRow.updated_at, FollowUpRow.created_at)
    ),
    "subject": text_key("subject", FollowUpRow.subject),
}


class FollowUpRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, follow_up: FollowUp) -> None:
        self._session.add(FollowUpRow(**asdict(follow_up)))
        record_created(self._session, "follow_up", follow_up.id, follow_up)

    def get(self, follow_up_id: str, *, for_update: bool = False) -> FollowUp | None:
        query = select(FollowUpRow).where(FollowUpRow.id == follow_up_id)
        if for_update:
            # Two agents completing at once: the second sees the first's result, not a stale one.
            query = query.with_for_update()
        row = self._session.scalars(query).one_or_none()
        return _follow_up(row) if row is not None else None

    def update(self, follow_up: FollowUp, *, action: str = "updated") -> None:
        """Writes the follow-up at its next version, which `follow_up` then carries; `action`
        names the change in the audit log (which does not list the version)."""
        follow_up.version = next_version(follow_up)
        values = {name: getattr(follow_up, name) for name in _FIELDS if name != "id"}
        before = current_values(self._session, FollowUpRow.__table__, follow_up.id, values)
        before["version"] = follow_up.version
        self._session.execute(
            update(FollowUpRow).where(FollowUpRow.id == follow_up.id).values(**values)
        )
        record_updated(self._session, "follow_up", follow_up.id, before, values, action)

    def exists_for_deal(self, deal_id: str) -> bool:
        query = select(FollowUpRow.id).where(FollowUpRow.deal_id == deal_id).limit(1)
        return self._session.scalar(query) is not None

    def page(self, criteria: FollowUpCriteria, *, now: datetime, size: int, token: str) -> Page:
        order = criteria.order
        page = sorted_page(
            self._session,
            within(matching(criteria, now), FollowUpRow.created_at, criteria.created),
            _SORT_KEYS[order.key],
            FollowUpRow.id,
            descending=order.descending,
            requested_size=size,
            token=token,
        )
        return Page([_follow_up(r) for r in page.items], page.next_page_token, page.total)

    def missed_without_reminder(self, now: datetime, limit: int) -> list[FollowUp]:
        """Scheduled follow-ups past due whose reminder has not gone out, locked so that a
        second scheduler skips them rather than sending the reminder again."""
        query = (
            select(FollowUpRow)
            .where(
                FollowUpRow.state == "scheduled",
                FollowUpRow.due_at < now,
                FollowUpRow.overdue_notified_at.is_(None),
            )
            .order_by(*_ORDER)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [_follow_up(row) for row in self._session.scalars(query)]


def matching(criteria: FollowUpCriteria, now: datetime) -> Select:
    query = select(FollowUpRow)
    if criteria.visible_to is not None:
        query = query.where(
            or_(
                FollowUpRow.owner_id == criteria.visible_to,
                FollowUpRow.deal_owner_id == criteria.visible_to,
            )
        )
    for column, value in (
        (FollowUpRow.state, criteria.state),
        (FollowUpRow.owner_id, criteria.owner_id),
        (FollowUpRow.customer_id, criteria.customer_id),
        (FollowUpRow.deal_id, criteria.deal_id),
    ):
        if value:
            query = query.where(column == value)
    if criteria.due_before:
        query = query.where(FollowUpRow.due_at < criteria.due_before)
    if criteria.overdue:
        query = query.where(FollowUpRow.state == "scheduled", FollowUpRow.due_at < now)
    return query


def _follow_up(row: FollowUpRow) -> FollowUp:
    return FollowUp(**{name: getattr(row, name) for name in _FIELDS})
