"""Domain objects to gRPC messages and back: translation only, no rule."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from google.protobuf.message import Message

from crm.service_desk.v1 import service_desk_pb2 as pb
from crm_platform.paging import Page
from service_desk.domain import follow_up as follow_up_rules
from service_desk.domain import ticket as ticket_rules
from service_desk.domain.commands import FollowUpFilter, OpenTicket, TicketFilter
from service_desk.domain.comment import Comment
from service_desk.domain.follow_up import FollowUp
from service_desk.domain.history import HistoryEntry
from service_desk.domain.survey import Survey
from service_desk.domain.ticket import Ticket
from service_desk.service.events import ts


def when(message: Message, name: str) -> datetime | None:
    # An unset Timestamp would read as 1970: absent means "not given" instead.
    return getattr(message, name).ToDatetime(tzinfo=UTC) if message.HasField(name) else None


def follow_up_changes(request: pb.UpdateFollowUpRequest) -> dict[str, Any]:
    """The fields named in update_mask; an unknown name is left for the domain to refuse."""
    return {
        name: (when(request, name) if name == "due_at" else getattr(request, name, ""))
        if name in follow_up_rules.EDITABLE
        else ""
        for name in dict.fromkeys(request.update_mask)
    }


def ticket_changes(request: pb.UpdateTicketRequest) -> dict[str, str]:
    return {
        name: getattr(request, name) if name in ticket_rules.EDITABLE else ""
        for name in dict.fromkeys(request.update_mask)
    }


def follow_up_filter(message: pb.FollowUpFilter, sort: str = "") -> FollowUpFilter:
    return FollowUpFilter(
        state=message.state,
        owner_id=message.owner_id,
        due_before=when(message, "due_before"),
        overdue=message.overdue,
        customer_id=message.customer_id,
        deal_id=message.deal_id,
        created_from=message.created_from,
        created_to=message.created_to,
        sort=sort,
    )


def open_command(request: pb.OpenTicketRequest) -> OpenTicket:
    return OpenTicket(
        customer_id=request.customer_id,
        contact_id=request.contact_id,
        channel=request.channel,
        category=request.category,
        priority=request.priority,
        assignee_id=request.assignee_id,
        subject=request.subject,
        description=request.description,
    )


def ticket_filter(message: pb.TicketFilter, sort: str = "") -> TicketFilter:
    return TicketFilter(
        state=message.state,
        priority=message.priority,
        category=message.category,
        assignee_id=message.assignee_id,
        customer_id=message.customer_id,
        sla_breached=message.sla_breached,
        created_from=message.created_from,
        created_to=message.created_to,
        sort=sort,
    )


def follow_up_message(follow_up: FollowUp) -> pb.FollowUp:
    return pb.FollowUp(
        id=follow_up.id,
        customer_id=follow_up.customer_id,
        contact_id=follow_up.contact_id or "",
        deal_id=follow_up.deal_id or "",
        owner_id=follow_up.owner_id,
        subject=follow_up.subject,
        due_at=ts(follow_up.due_at),
        priority=follow_up.priority,
        state=follow_up.state,
        outcome=follow_up.outcome,
        created_at=ts(follow_up.created_at),
        updated_at=ts(follow_up.updated_at or follow_up.created_at),
        overdue=follow_up.is_overdue(datetime.now(UTC)),
        completed_at=ts(follow_up.completed_at),
        version=follow_up.version,
    )


def ticket_message(ticket: Ticket) -> pb.Ticket:
    return pb.Ticket(
        id=ticket.id,
        customer_id=ticket.customer_id,
        contact_id=ticket.contact_id or "",
        channel=ticket.channel,
        category=ticket.category,
        priority=ticket.priority,
        state=ticket.state,
        assignee_id=ticket.assignee_id or "",
        subject=ticket.subject,
        description=ticket.description,
        resolution=ticket.resolution,
        sla_due_at=ts(ticket.sla_due_at),
        sla_breached=ticket.sla_breached,
        resolved_at=ts(ticket.resolved_at),
        created_at=ts(ticket.created_at),
        updated_at=ts(ticket.updated_at),
        reporter_id=ticket.reporter_id,
        version=ticket.version,
    )


def comment_message(comment: Comment) -> pb.TicketComment:
    return pb.TicketComment(
        id=comment.id,
        ticket_id=comment.ticket_id,
        author_id=comment.author_id,
        body=comment.body,
        created_at=ts(comment.created_at),
    )


def history_message(entries: list[HistoryEntry]) -> pb.TicketHistory:
    return pb.TicketHistory(
        entries=[
            pb.TicketHistoryEntry(
                action=e.action,
                from_state=e.from_state,
                to_state=e.to_state,
                changes=[
                    pb.FieldChange(field=c.field, old_value=c.old_value, new_value=c.new_value)
                    for c in e.changes
                ],
                actor_id=e.actor_id,
                at=ts(e.at),
            )
            for e in entries
        ]
    )


def survey_message(survey: Survey) -> pb.Survey:
    return pb.Survey(
        id=survey.id,
        ticket_id=survey.ticket_id or "",
        follow_up_id=survey.follow_up_id or "",
        customer_id=survey.customer_id,
        contact_id=survey.contact_id or "",
        state=survey.state(datetime.now(UTC)),
        token=survey.token,
        public_url=survey.public_url,
        expires_at=ts(survey.expires_at),
        score=survey.score or 0,
        comment=survey.comment,
        answered_at=ts(survey.answered_at),
        created_at=ts(survey.created_at),
    )


def page_of(response_type: type[Message], page: Page, convert) -> Message:
    return response_type(
        items=[convert(item) for item in page.items],
        next_page_token=page.next_page_token or "",
        total=page.total,
    )
