"""Typed clients of the services: the only code in the gateway that speaks gRPC.

Each client method takes plain values, calls one RPC on behalf of the request's caller and
returns a view model from gateway.models; a gRPC failure arrives as a domain error
(gateway.clients.status). REST routes and web pages both call these, so no RPC is built twice.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from gateway.clients.activities import ActivitiesClient
from gateway.clients.audit import AuditClient
from gateway.clients.channels import ServiceChannels
from gateway.clients.marketing import MarketingClient
from gateway.clients.reporting import ReportingClient
from gateway.clients.sales import SalesClient
from gateway.clients.service_desk import ServiceDeskClient
from gateway.clients.timeline import TimelineClient


@dataclass
class ServiceClients:
    channels: ServiceChannels
    sales: SalesClient
    marketing: MarketingClient
    service_desk: ServiceDeskClient
    reporting: ReportingClient
    timeline: TimelineClient
    audit: AuditClient
    activities: ActivitiesClient
    unlisted: ServiceChannels

    @classmethod
    def connect(cls, addresses: dict[str, str], deadline_seconds: float) -> ServiceClients:
        channels = ServiceChannels(addresses)
        # Outside the status check until the settings name it (then `addresses` has it).
        unlisted = ServiceChannels({} if "activities" in addresses else _activities_address())
        return cls(
            channels=channels,
            sales=SalesClient(channels["sales"], deadline_seconds),
            marketing=MarketingClient(channels["marketing"], deadline_seconds),
            service_desk=ServiceDeskClient(channels["service-desk"], deadline_seconds),
            reporting=ReportingClient(channels["reporting"], deadline_seconds),
            timeline=TimelineClient(channels["reporting"], deadline_seconds),
            audit=AuditClient(channels, deadline_seconds),
            activities=ActivitiesClient(
                (channels if "activities" in addresses else unlisted)["activities"],
                deadline_seconds,
            ),
            unlisted=unlisted,
        )

    def health(self, timeout: float) -> dict[str, str]:
        """Each service's grpc.health.v1 state by name: SERVING, unreachable, ..."""
        return self.channels.health(timeout)

    def close(self) -> None:
        self.channels.close()
        self.unlisted.close()


def _activities_address() -> dict[str, str]:
    """ACTIVITIES_GRPC_ADDRESS until GatewaySettings reads it (and service_addresses names it,
    which then wins): the settings module is another helper's (issue 17 report)."""
    return {"activities": os.environ.get("ACTIVITIES_GRPC_ADDRESS", "127.0.0.1:50055")}


# The notifications service's client (issue 17, helper J): `clients.notifications`.
from gateway.clients.notifications import notifications_client  # noqa: E402

ServiceClients.notifications = property(notifications_client)  # type: ignore[attr-defined]
