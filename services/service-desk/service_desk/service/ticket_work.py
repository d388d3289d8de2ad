"""Working a ticket: moving it through its states and commenting on it."""

from __future__ import annotations

from datetime import UTC, datetime

from crm_platform.paging import Page
from crm_platform.request_context import current_identity
from crm_platform.unit_of_work import UnitOfWork
from service_desk.adapters.comment_repository import CommentRepository
from service_desk.adapters.survey_repository import SurveyRepository
from service_desk.adapters.ticket_repository import TicketRepository
from service_desk.domain import access
from service_desk.domain.commands import TransitionTicket
from service_desk.domain.comment import Comment, write_comment
from service_desk.domain.history import HistoryEntry
from service_desk.domain.survey import SurveyPolicy, issue_survey
from service_desk.domain.ticket import Ticket
from service_desk.domain.ticket_states import transition
from service_desk.service.tickets import existing, record_change


def transition_ticket(
    uow: UnitOfWork, command: TransitionTicket, *, surveys: SurveyPolicy
) -> Ticket:
    """Moves the ticket; resolving it also asks the customer how it went."""
    access.require_desk(current_identity(), f"ticket {command.ticket_id}")
    now = datetime.now(UTC)
    with uow:
        tickets = TicketRepository(uow.session)
        before = existing(tickets, command.ticket_id, for_update=True)
        after = transition(before, command.action, now=now, resolution=command.resolution)
        tickets.update(after, action=command.action)
        record_change(uow, tickets, before, after, command.action)
        if command.action == "resolve":
            survey = issue_survey(
                customer_id=after.customer_id,
                contact_id=after.contact_id,
                ticket_id=after.id,
                policy=surveys,
                now=now,
            )
            SurveyRepository(uow.session).add(survey)
        uow.commit()
    return after


def add_comment(uow: UnitOfWork, ticket_id: str, body: str) -> Comment:
    caller = current_identity()
    access.require_desk(caller, f"ticket {ticket_id}")
    now = datetime.now(UTC)
    comment = write_comment(ticket_id, body, author_id=caller.user_id, now=now)
    with uow:
        tickets = TicketRepository(uow.session)
        ticket = existing(tickets, ticket_id)
        CommentRepository(uow.session).add(comment)
        # In the history too, so the timeline reads whole; it is not a ticket change event.
        tickets.record(
            HistoryEntry(ticket_id, "commented", ticket.state, ticket.state, caller.user_id, now)
        )
        uow.commit()
    return comment


def list_comments(
    uow: UnitOfWork, ticket_id: str, *, page_size: int = 0, page_token: str = ""
) -> Page:
    access.require_desk(current_identity(), f"ticket {ticket_id}")
    with uow.read_only():
        existing(TicketRepository(uow.session), ticket_id)
        return CommentRepository(uow.session).page(ticket_id, size=page_size, token=page_token)
