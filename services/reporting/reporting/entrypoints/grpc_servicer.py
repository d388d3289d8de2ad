"""Reporting's gRPC API for enterprise systems."""

from __future__ import annotations

from collections.abc import Callable

from crm.reporting.v1 import reporting_pb2, reporting_pb2_grpc
from crm_platform.unit_of_work import UnitOfWork
from reporting.service.progress import Status, get_status


class ReportingServicer(reporting_pb2_grpc.ReportingServiceServicer):
    def __init__(self, new_uow: Callable[[], UnitOfWork]) -> None:
        self._new_uow = new_uow

    def GetStatus(self, request, context):  # noqa: N802 (gRPC's method name)
        return status_message(get_status(self._new_uow()))


def status_message(status: Status) -> reporting_pb2.Status:
    message = reporting_pb2.Status()
    if status.as_of is not None:
        message.as_of.FromDatetime(status.as_of)
    for progress in status.topics:
        topic = message.topics.add(topic=progress.topic, events_applied=progress.events_applied)
        if progress.last_occurred_at is not None:
            topic.last_occurred_at.FromDatetime(progress.last_occurred_at)
    return message
