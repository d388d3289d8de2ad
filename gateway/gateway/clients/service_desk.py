"""The service desk: follow-ups, tickets with comments and history, satisfaction surveys."""

from __future__ import annotations

import grpc

from crm.service_desk.v1 import service_desk_pb2_grpc
from gateway.clients.rpc import ServiceClient


class ServiceDeskClient(ServiceClient):
    def __init__(self, channel: grpc.Channel, deadline_seconds: float) -> None:
        super().__init__(deadline_seconds)
        self._stub = service_desk_pb2_grpc.ServiceDeskServiceStub(channel)
