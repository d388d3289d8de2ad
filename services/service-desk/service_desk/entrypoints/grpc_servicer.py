"""The service desk's gRPC API: translates requests into use-case calls and results back."""

from __future__ import annotations

from collections.abc import Callable

from google.protobuf import empty_pb2

from crm.service_desk.v1 import service_desk_pb2 as pb
from crm.service_desk.v1 import service_desk_pb2_grpc
from crm_platform.unit_of_work import UnitOfWork
from service_desk.domain.commands import (
    AnswerSurvey,
    ScheduleFollowUp,
    TransitionTicket,
    UpdateFollowUp,
    UpdateTicket,
)
from service_desk.domain.policies import Policies
from service_desk.entrypoints import messages as m
from service_desk.service import follow_ups, surveys, ticket_work, tickets
from service_desk.service.customers import CustomerDirectory


class ServiceDeskServicer(service_desk_pb2_grpc.ServiceDeskServiceServicer):
    # Method names are gRPC's (N802 would have them snake_case).
    def __init__(
        self,
        new_uow: Callable[[], UnitOfWork],
        customers: CustomerDirectory,
        policies: Policies | None = None,
    ):
        self._new_uow = new_uow
        self._customers = customers
        self._policies = policies or Policies()

    def ScheduleFollowUp(self, request, context):  # noqa: N802
        command = ScheduleFollowUp(
            customer_id=request.customer_id,
            contact_id=request.contact_id,
            deal_id=request.deal_id,
            owner_id=request.owner_id,
            subject=request.subject,
            due_at=m.when(request, "due_at"),
            priority=request.priority,
        )
        scheduled = follow_ups.schedule_follow_up(
            self._new_uow(), command, customers=self._customers
        )
        return m.follow_up_message(scheduled)

    def GetFollowUp(self, request, context):  # noqa: N802
        return m.follow_up_message(follow_ups.get_follow_up(self._new_uow(), request.id))

    def UpdateFollowUp(self, request, context):  # noqa: N802
        command = UpdateFollowUp(request.id, m.follow_up_changes(request), request.expected_version)
        updated = follow_ups.update_follow_up(self._new_uow(), command, customers=self._customers)
        return m.follow_up_message(updated)

    def ListFollowUps(self, request, context):  # noqa: N802
        page = follow_ups.list_follow_ups(
            self._new_uow(),
            m.follow_up_filter(request.filter, request.sort),
            page_size=request.page_size,
            page_token=request.page_token,
        )
        return m.page_of(pb.ListFollowUpsResponse, page, m.follow_up_message)

    def CompleteFollowUp(self, request, context):  # noqa: N802
        done = follow_ups.complete_follow_up(
            self._new_uow(), request.id, request.outcome, surveys=self._policies.surveys
        )
        return m.follow_up_message(done)

    def CancelFollowUp(self, request, context):  # noqa: N802
        return m.follow_up_message(follow_ups.cancel_follow_up(self._new_uow(), request.id))

    def OpenTicket(self, request, context):  # noqa: N802
        ticket = tickets.open_new_ticket(
            self._new_uow(),
            m.open_command(request),
            sla=self._policies.sla,
            customers=self._customers,
        )
        return m.ticket_message(ticket)

    def GetTicket(self, request, context):  # noqa: N802
        return m.ticket_message(tickets.get_ticket(self._new_uow(), request.id))

    def UpdateTicket(self, request, context):  # noqa: N802
        command = UpdateTicket(request.id, m.ticket_changes(request), request.expected_version)
        ticket = tickets.update_ticket(
            self._new_uow(), command, sla=self._policies.sla, customers=self._customers
        )
        return m.ticket_message(ticket)

    def ListTickets(self, request, context):  # noqa: N802
        page = tickets.list_tickets(
            self._new_uow(),
            m.ticket_filter(request.filter, request.sort),
            page_size=request.page_size,
            page_token=request.page_token,
        )
        return m.page_of(pb.ListTicketsResponse, page, m.ticket_message)

    def TransitionTicket(self, request, context):  # noqa: N802
        command = TransitionTicket(request.id, request.action, request.resolution)
        ticket = ticket_work.transition_ticket(
            self._new_uow(), command, surveys=self._policies.surveys
        )
        return m.ticket_message(ticket)

    def AddTicketComment(self, request, context):  # noqa: N802
        comment = ticket_work.add_comment(self._new_uow(), request.ticket_id, request.body)
        return m.comment_message(comment)

    def ListTicketComments(self, request, context):  # noqa: N802
        page = ticket_work.list_comments(
            self._new_uow(),
            request.ticket_id,
            page_size=request.page_size,
            page_token=request.page_token,
        )
        return m.page_of(pb.ListTicketCommentsResponse, page, m.comment_message)

    def GetTicketHistory(self, request, context):  # noqa: N802
        return m.history_message(tickets.ticket_history(self._new_uow(), request.id))

    def ListSurveys(self, request, context):  # noqa: N802
        page = surveys.list_surveys(
            self._new_uow(),
            ticket_id=request.ticket_id,
            follow_up_id=request.follow_up_id,
            page_size=request.page_size,
            page_token=request.page_token,
        )
        return m.page_of(pb.ListSurveysResponse, page, m.survey_message)

    def AnswerSurvey(self, request, context):  # noqa: N802
        command = AnswerSurvey(request.token, request.score, request.comment)
        surveys.answer_survey(self._new_uow(), command)
        return empty_pb2.Empty()
