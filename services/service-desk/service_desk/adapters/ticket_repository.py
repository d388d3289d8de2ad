"""Stores and loads tickets and their history."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from datetime import datetime

from sqlalchemy import Select, insert, select, update
from sqlalchemy.orm import Session

from crm_platform.audit.recording import current_values, record_created, record_updated
from crm_platform.paging import Page
from crm_platform.sorting import moment_key, sorted_page, text_key, within
from crm_platform.versions import next_version
from service_desk.adapters.tables import TicketHistoryRow, TicketRow
from service_desk.domain.history import FieldChange, HistoryEntry
from service_desk.domain.listing import TicketCriteria
from service_desk.domain.ticket import Ticket

_FIELDS = tuple(f.name for f in fields(Ticket))
_SORT_KEYS = {
    **{name: moment_key(name, getattr(TicketRow, name)) for name in ("created_at", "updated_at")},
    "sla_due_at": moment_key("sla_due_at", TicketRow.sla_due_at),
    "subject": text_key("subject", TicketRow.subject),
}
OPEN_STATES = ("new", "accepted", "in_progress")


class TicketRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, ticket: Ticket) -> None:
        self._session.add(TicketRow(**asdict(ticket)))
        record_created(self._session, "ticket", ticket.id, ticket)
        # Flushed now: its history rows reference it.
        self._session.flush()

    def get(self, ticket_id: str, *, for_update: bool = False) -> Ticket | None:
        query = select(TicketRow).where(TicketRow.id == ticket_id)
        if for_update:
            query = query.with_for_update()
        row = self._session.scalars(query).one_or_none()
        return _ticket(row) if row is not None else None

    def update(self, ticket: Ticket, *, action: str = "updated") -> None:
        """Writes the ticket at its next version, which `ticket` then carries; `action` names
        the change in the audit log (accept, resolve…), which does not list the version."""
        ticket.version = next_version(ticket)
        values = {name: getattr(ticket, name) for name in _FIELDS if name != "id"}
        before = current_values(self._session, TicketRow.__table__, ticket.id, values)
        before["version"] = ticket.version
        self._session.execute(update(TicketRow).where(TicketRow.id == ticket.id).values(**values))
        record_updated(self._session, "ticket", ticket.id, before, values, action)

    def page(self, criteria: TicketCriteria, *, size: int, token: str) -> Page:
        order = criteria.order
        page = sorted_page(
            self._session,
            within(matching(criteria), TicketRow.created_at, criteria.created),
            _SORT_KEYS[order.key],
            TicketRow.id,
            descending=order.descending,
            requested_size=size,
            token=token,
        )
        return Page([_ticket(r) for r in page.items], page.next_page_token, page.total)

    def open_past_target(self, now: datetime, limit: int) -> list[Ticket]:
        """Unresolved tickets past their SLA target and not yet marked, locked so that a second
        watcher skips them."""
        query = (
            select(TicketRow)
            .where(
                TicketRow.state.in_(OPEN_STATES),
                TicketRow.sla_due_at < now,
                TicketRow.sla_breached.is_(False),
            )
            .order_by(TicketRow.sla_due_at, TicketRow.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [_ticket(row) for row in self._session.scalars(query)]

    def record(self, entry: HistoryEntry) -> None:
        changes = [[c.field, c.old_value, c.new_value] for c in entry.changes]
        self._session.execute(
            insert(TicketHistoryRow).values(
                ticket_id=entry.ticket_id,
                action=entry.action,
                from_state=entry.from_state,
                to_state=entry.to_state,
                actor_id=entry.actor_id,
                at=entry.at,
                changes=json.dumps(changes, ensure_ascii=False),
            )
        )

    def history(self, ticket_id: str) -> list[HistoryEntry]:
        rows = self._session.scalars(
            select(TicketHistoryRow)
            .where(TicketHistoryRow.ticket_id == ticket_id)
            .order_by(TicketHistoryRow.id)
        )
        return [
            HistoryEntry(
                ticket_id=row.ticket_id,
                action=row.action,
                from_state=row.from_state,
                to_state=row.to_state,
                actor_id=row.actor_id,
                at=row.at,
                changes=tuple(FieldChange(*change) for change in json.loads(row.changes)),
            )
            for row in rows
        ]


def matching(criteria: TicketCriteria) -> Select:
    query = select(TicketRow)
    for column, value in (
        (TicketRow.state, criteria.state),
        (TicketRow.priority, criteria.priority),
        (TicketRow.category, criteria.category),
        (TicketRow.assignee_id, criteria.assignee_id),
        (TicketRow.customer_id, criteria.customer_id),
    ):
        if value:
            query = query.where(column == value)
    if criteria.sla_breached:
        query = query.where(TicketRow.sla_breached.is_(True))
    return query


def _ticket(row: TicketRow) -> Ticket:
    return Ticket(**{name: getattr(row, name) for name in _FIELDS})
