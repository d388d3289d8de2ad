"""Use cases on tickets: open, read, edit, list, history. Every change writes a history entry
and a `service-desk.ticket-changed` event in the same transaction."""

from __future__ import annotations

from datetime import UTC, datetime

from crm_platform.errors import NotFound
from crm_platform.paging import Page
from crm_platform.request_context import current_identity
from crm_platform.unit_of_work import UnitOfWork
from crm_platform.versions import check_version
from service_desk.adapters.ticket_repository import TicketRepository
from service_desk.domain import access
from service_desk.domain.commands import OpenTicket, TicketFilter, UpdateTicket
from service_desk.domain.history import HistoryEntry, entry
from service_desk.domain.listing import ticket_criteria
from service_desk.domain.sla import SlaPolicy
from service_desk.domain.ticket import Ticket, open_ticket, revise_ticket
from service_desk.service.customers import (
    CustomerDirectory,
    check_change,
    check_new,
    require_contact_of_customer,
)
from service_desk.service.events import TICKET_CHANGED, ticket_changed


def open_new_ticket(
    uow: UnitOfWork, command: OpenTicket, *, sla: SlaPolicy, customers: CustomerDirectory
) -> Ticket:
    caller = current_identity()
    access.require_desk_to_create(caller, "tickets")
    # Validated and checked with sales before the transaction opens (no write lock if refused).
    ticket = open_ticket(command, reporter_id=caller.user_id, sla=sla, now=_now())
    check_new(customers, ticket.customer_id, ticket.contact_id or "")
    with uow:
        tickets = TicketRepository(uow.session)
        tickets.add(ticket)
        record_change(uow, tickets, None, ticket, "opened")
        uow.commit()
    return ticket


def get_ticket(uow: UnitOfWork, ticket_id: str) -> Ticket:
    access.require_desk(current_identity(), f"ticket {ticket_id}")
    with uow.read_only():
        return existing(TicketRepository(uow.session), ticket_id)


def update_ticket(
    uow: UnitOfWork, command: UpdateTicket, *, sla: SlaPolicy, customers: CustomerDirectory
) -> Ticket:
    access.require_desk(current_identity(), f"ticket {command.ticket_id}")
    # Sales is asked before the transaction opens; only the comparison with the stored ticket
    # waits for it.
    checked = check_change(customers, command.changes)
    with uow:
        tickets = TicketRepository(uow.session)
        before = existing(tickets, command.ticket_id, for_update=True)
        check_version("ticket", before, command.expected_version)
        after = revise_ticket(before, command.changes, sla=sla, now=_now())
        require_contact_of_customer(
            checked,
            customer_before=before.customer_id,
            customer_after=after.customer_id,
            contact_after=after.contact_id,
        )
        tickets.update(after)
        record_change(uow, tickets, before, after, "updated")
        uow.commit()
    return after


def list_tickets(
    uow: UnitOfWork, given: TicketFilter, *, page_size: int = 0, page_token: str = ""
) -> Page:
    caller = current_identity()
    access.require_caller(caller)
    criteria = ticket_criteria(given)
    if not access.is_desk(caller):
        return Page([], None, 0)
    with uow.read_only():
        return TicketRepository(uow.session).page(criteria, size=page_size, token=page_token)


def ticket_history(uow: UnitOfWork, ticket_id: str) -> list[HistoryEntry]:
    access.require_desk(current_identity(), f"ticket {ticket_id}")
    with uow.read_only():
        tickets = TicketRepository(uow.session)
        existing(tickets, ticket_id)
        return tickets.history(ticket_id)


def record_change(
    uow: UnitOfWork, tickets: TicketRepository, before: Ticket | None, after: Ticket, action: str
) -> None:
    """The history entry and the event of one change; nothing when nothing changed."""
    change = entry(before, after, action, current_identity().user_id)
    if before is not None and not change.changes:
        return
    tickets.record(change)
    uow.publish(TICKET_CHANGED, after.id, ticket_changed(before, after, action))


def existing(tickets: TicketRepository, ticket_id: str, *, for_update: bool = False) -> Ticket:
    ticket = tickets.get(ticket_id, for_update=for_update)
    if ticket is None:
        raise NotFound(f"ticket {ticket_id} not found")
    return ticket


def _now() -> datetime:
    return datetime.now(UTC)
