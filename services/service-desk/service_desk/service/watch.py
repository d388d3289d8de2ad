"""What the periodic job does each round: remind about missed follow-ups, and record the SLA
breaches of tickets still open past their target. Each round handles a bounded batch in one
transaction, so a crash loses nothing and sends nothing twice."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from crm_platform.unit_of_work import UnitOfWork
from service_desk.adapters.follow_up_repository import FollowUpRepository
from service_desk.adapters.ticket_repository import TicketRepository
from service_desk.domain.ticket_states import breach_if_late
from service_desk.service.events import FOLLOW_UP_OVERDUE, follow_up_overdue
from service_desk.service.tickets import record_change


def remind_overdue(uow: UnitOfWork, *, now: datetime, batch: int = 500) -> int:
    """Publishes `service-desk.follow-up-overdue` once per missed follow-up; returns how many."""
    with uow:
        follow_ups = FollowUpRepository(uow.session)
        missed = follow_ups.missed_without_reminder(now, batch)
        for follow_up in missed:
            follow_ups.update(
                replace(follow_up, overdue_notified_at=now), action="overdue_notified"
            )
            uow.publish(FOLLOW_UP_OVERDUE, follow_up.id, follow_up_overdue(follow_up, now))
        uow.commit()
    return len(missed)


def record_breaches(uow: UnitOfWork, *, now: datetime, batch: int = 500) -> int:
    """Marks unresolved tickets past their SLA target as breached; returns how many."""
    with uow:
        tickets = TicketRepository(uow.session)
        late = tickets.open_past_target(now, batch)
        for ticket in late:
            breached = breach_if_late(ticket, now=now)
            if breached is not None:
                tickets.update(breached, action="sla_breached")
                record_change(uow, tickets, ticket, breached, "sla_breached")
        uow.commit()
    return len(late)
