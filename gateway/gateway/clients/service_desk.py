"""The service desk: follow-ups, tickets with comments and history, satisfaction surveys."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import grpc
from google.protobuf.message import Message
from pydantic import BaseModel

from crm.service_desk.v1 import service_desk_pb2 as pb
from crm.service_desk.v1 import service_desk_pb2_grpc
from gateway.clients.messages import as_data, as_model, as_page, input_message
from gateway.clients.rpc import ServiceClient
from gateway.clients.stale import checked, split_version
from gateway.models.desk_common import PageQuery
from gateway.models.follow_ups import FollowUpList, FollowUpOut, FollowUpQuery
from gateway.models.surveys import SurveyList, SurveyQuery
from gateway.models.tickets import (
    CommentList,
    CommentOut,
    HistoryOut,
    TicketList,
    TicketOut,
    TicketQuery,
)

V = TypeVar("V", bound=BaseModel)
PAGING = frozenset({"page_size", "page_token"})
ORDER = "sort"  # a list query's order: the request's, beside the paging, not a filter


def _listing(request_type: type[Message], filter_type: type[Message], query: PageQuery) -> Any:
    """A list request: the query's filters in their filter message, then its order and paging."""
    filters = input_message(filter_type, query.model_dump(exclude={*PAGING, ORDER}))
    order = {ORDER: getattr(query, ORDER) or ""} if ORDER in type(query).model_fields else {}
    return request_type(filter=filters, **order, **_paging(query))


def _paging(query: PageQuery) -> dict[str, Any]:
    return {"page_size": query.page_size, "page_token": query.page_token or ""}


def _changes(
    request_type: type[Message], record_id: str, expected: int, changes: dict[str, Any]
) -> Any:
    """An update request: only the fields in `changes` change (the mask is their names; a
    None clears the field), refused when the record is no longer at version `expected`."""
    fields = {"id": record_id, "update_mask": list(changes), "expected_version": expected}
    return input_message(request_type, {**fields, **changes})


class ServiceDeskClient(ServiceClient):
    def __init__(self, channel: grpc.Channel, deadline_seconds: float) -> None:
        super().__init__(deadline_seconds)
        self._stub = service_desk_pb2_grpc.ServiceDeskServiceStub(channel)

    def _update(self, rpc: Any, request_type: type[Message], model: type[V], record_id: str,
                changes: dict[str, Any], current: Callable[[str], V]) -> V:  # fmt: skip
        """The update `rpc` of the fields in `changes`; with the version read among them,
        StaleRecord (the record as `current` has it now) when it changed since."""
        expected, changes = split_version(changes)
        request = _changes(request_type, record_id, expected, changes)
        return checked(
            lambda: as_model(model, self._call(rpc, request)), expected, lambda: current(record_id)
        )

    # Follow-ups

    def list_follow_ups(self, query: FollowUpQuery) -> FollowUpList:
        request = _listing(pb.ListFollowUpsRequest, pb.FollowUpFilter, query)
        return as_page(FollowUpList, self._call(self._stub.ListFollowUps, request))

    def schedule_follow_up(self, fields: dict[str, Any]) -> FollowUpOut:
        request = input_message(pb.ScheduleFollowUpRequest, fields)
        return as_model(FollowUpOut, self._call(self._stub.ScheduleFollowUp, request))

    def get_follow_up(self, follow_up_id: str) -> FollowUpOut:
        request = pb.GetFollowUpRequest(id=follow_up_id)
        return as_model(FollowUpOut, self._call(self._stub.GetFollowUp, request))

    def update_follow_up(self, follow_up_id: str, changes: dict[str, Any]) -> FollowUpOut:
        """A `version` among `changes` is the one read: a stale one raises StaleRecord."""
        update = self._stub.UpdateFollowUp, pb.UpdateFollowUpRequest
        return self._update(*update, FollowUpOut, follow_up_id, changes, self.get_follow_up)

    def complete_follow_up(self, follow_up_id: str, outcome: str) -> FollowUpOut:
        """Done, with its outcome; the service desk issues a satisfaction survey."""
        request = pb.CompleteFollowUpRequest(id=follow_up_id, outcome=outcome)
        return as_model(FollowUpOut, self._call(self._stub.CompleteFollowUp, request))

    def cancel_follow_up(self, follow_up_id: str) -> FollowUpOut:
        request = pb.GetFollowUpRequest(id=follow_up_id)
        return as_model(FollowUpOut, self._call(self._stub.CancelFollowUp, request))

    # Tickets

    def list_tickets(self, query: TicketQuery) -> TicketList:
        request = _listing(pb.ListTicketsRequest, pb.TicketFilter, query)
        return as_page(TicketList, self._call(self._stub.ListTickets, request))

    def open_ticket(self, fields: dict[str, Any]) -> TicketOut:
        request = input_message(pb.OpenTicketRequest, fields)
        return as_model(TicketOut, self._call(self._stub.OpenTicket, request))

    def get_ticket(self, ticket_id: str) -> TicketOut:
        request = pb.GetTicketRequest(id=ticket_id)
        return as_model(TicketOut, self._call(self._stub.GetTicket, request))

    def update_ticket(self, ticket_id: str, changes: dict[str, Any]) -> TicketOut:
        """A `version` among `changes` is the one read: a stale one raises StaleRecord."""
        update = self._stub.UpdateTicket, pb.UpdateTicketRequest
        return self._update(*update, TicketOut, ticket_id, changes, self.get_ticket)

    def transition_ticket(self, ticket_id: str, action: str, resolution: str = "") -> TicketOut:
        """accept, start, resolve (with a resolution), close or reopen; an action the ticket's
        state does not allow is AlreadyExists, its message naming the allowed ones."""
        request = pb.TransitionTicketRequest(id=ticket_id, action=action, resolution=resolution)
        return as_model(TicketOut, self._call(self._stub.TransitionTicket, request))

    def list_comments(self, ticket_id: str, query: PageQuery) -> CommentList:
        request = pb.ListTicketCommentsRequest(ticket_id=ticket_id, **_paging(query))
        return as_page(CommentList, self._call(self._stub.ListTicketComments, request))

    def add_comment(self, ticket_id: str, body: str) -> CommentOut:
        request = pb.AddTicketCommentRequest(ticket_id=ticket_id, body=body)
        return as_model(CommentOut, self._call(self._stub.AddTicketComment, request))

    def ticket_history(self, ticket_id: str) -> HistoryOut:
        """Every change of the ticket, oldest first."""
        reply = self._call(self._stub.GetTicketHistory, pb.GetTicketRequest(id=ticket_id))
        return HistoryOut.model_validate({"items": as_data(reply).get("entries", [])})

    # Surveys

    def list_surveys(self, query: SurveyQuery) -> SurveyList:
        fields = query.model_dump(exclude=set(PAGING))
        request = input_message(pb.ListSurveysRequest, {**fields, **_paging(query)})
        return as_page(SurveyList, self._call(self._stub.ListSurveys, request))

    def answer_survey(self, token: str, score: int, comment: str = "") -> None:
        """The customer's answer, with no account: the token is the credential. Unknown or
        expired is NotFound, answered already AlreadyExists."""
        request = pb.AnswerSurveyRequest(token=token, score=score, comment=comment)
        self._call(self._stub.AnswerSurvey, request)
