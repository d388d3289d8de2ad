"""The service desk's gRPC API: translates requests into use-case calls and results back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC

from crm.service_desk.v1 import service_desk_pb2, service_desk_pb2_grpc
from crm_platform.unit_of_work import UnitOfWork
from service_desk.domain.commands import ScheduleFollowUp
from service_desk.domain.follow_up import FollowUp
from service_desk.service.follow_ups import get_follow_up, schedule_follow_up


class ServiceDeskServicer(service_desk_pb2_grpc.ServiceDeskServiceServicer):
    def __init__(self, new_uow: Callable[[], UnitOfWork]) -> None:
        self._new_uow = new_uow

    def ScheduleFollowUp(self, request, context):  # noqa: N802 (gRPC's method name)
        command = ScheduleFollowUp(
            customer_id=request.customer_id,
            contact_id=request.contact_id,
            deal_id=request.deal_id,
            owner_id=request.owner_id,
            subject=request.subject,
            # An unset Timestamp would read as 1970: absent means "not given" instead.
            due_at=request.due_at.ToDatetime(tzinfo=UTC) if request.HasField("due_at") else None,
            priority=request.priority,
        )
        return follow_up_message(schedule_follow_up(self._new_uow(), command))

    def GetFollowUp(self, request, context):  # noqa: N802
        return follow_up_message(get_follow_up(self._new_uow(), request.id))


def follow_up_message(follow_up: FollowUp) -> service_desk_pb2.FollowUp:
    message = service_desk_pb2.FollowUp(
        id=follow_up.id,
        customer_id=follow_up.customer_id,
        contact_id=follow_up.contact_id or "",
        deal_id=follow_up.deal_id or "",
        owner_id=follow_up.owner_id,
        subject=follow_up.subject,
        priority=follow_up.priority,
        state=follow_up.state,
        outcome=follow_up.outcome,
    )
    message.due_at.FromDatetime(follow_up.due_at)
    message.created_at.FromDatetime(follow_up.created_at)
    return message
