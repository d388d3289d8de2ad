"""The customer timeline, a read model the reporting service keeps from every topic."""

from __future__ import annotations

import grpc

from crm.reporting.v1 import reporting_pb2_grpc
from gateway.clients.rpc import ServiceClient


class TimelineClient(ServiceClient):
    def __init__(self, channel: grpc.Channel, deadline_seconds: float) -> None:
        super().__init__(deadline_seconds)
        self._stub = reporting_pb2_grpc.ReportingServiceStub(channel)
