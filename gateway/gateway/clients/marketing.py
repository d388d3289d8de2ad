"""The marketing service: campaigns, their notes, import and export."""

from __future__ import annotations

import grpc

from crm.marketing.v1 import marketing_pb2_grpc
from gateway.clients.rpc import ServiceClient


class MarketingClient(ServiceClient):
    def __init__(self, channel: grpc.Channel, deadline_seconds: float) -> None:
        super().__init__(deadline_seconds)
        self._stub = marketing_pb2_grpc.MarketingServiceStub(channel)
