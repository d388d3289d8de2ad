"""One gRPC channel per service, opened once per app and shared by every request."""

from __future__ import annotations

from collections.abc import Mapping

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from crm.marketing.v1 import marketing_pb2_grpc
from crm.reporting.v1 import reporting_pb2_grpc
from crm.sales.v1 import sales_pb2_grpc
from crm.service_desk.v1 import service_desk_pb2_grpc

SERVING = "SERVING"
UNREACHABLE = "unreachable"


class ServiceChannels:
    def __init__(self, addresses: Mapping[str, str]) -> None:
        # Channels connect lazily, so building them needs no service to be up.
        self._channels = {name: grpc.insecure_channel(addr) for name, addr in addresses.items()}
        self.marketing = marketing_pb2_grpc.MarketingServiceStub(self._channels["marketing"])
        self.sales = sales_pb2_grpc.SalesServiceStub(self._channels["sales"])
        self.service_desk = service_desk_pb2_grpc.ServiceDeskServiceStub(
            self._channels["service-desk"]
        )
        self.reporting = reporting_pb2_grpc.ReportingServiceStub(self._channels["reporting"])

    def channel(self, name: str) -> grpc.Channel:
        """The channel to service `name`, for stubs of services every service serves (the
        audit log)."""
        return self._channels[name]

    def health(self, timeout: float) -> dict[str, str]:
        """Each service's grpc.health.v1 status, asked of all at once within `timeout`."""
        request = health_pb2.HealthCheckRequest(service="")
        pending = {
            name: health_pb2_grpc.HealthStub(channel).Check.future(request, timeout=timeout)
            for name, channel in self._channels.items()
        }
        states: dict[str, str] = {}
        for name, future in pending.items():
            try:
                response = future.result()
                states[name] = health_pb2.HealthCheckResponse.ServingStatus.Name(response.status)
            except grpc.RpcError as error:
                unavailable = error.code() in (
                    grpc.StatusCode.UNAVAILABLE,
                    grpc.StatusCode.DEADLINE_EXCEEDED,
                )
                states[name] = UNREACHABLE if unavailable else error.code().name
        return states

    def close(self) -> None:
        for channel in self._channels.values():
            channel.close()
