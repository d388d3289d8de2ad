"""The audit log every service keeps of its records; asked of the service that owns the type."""

from __future__ import annotations

from gateway.clients.channels import ServiceChannels
from gateway.clients.rpc import ServiceClient


class AuditClient(ServiceClient):
    def __init__(self, channels: ServiceChannels, deadline_seconds: float) -> None:
        super().__init__(deadline_seconds)
        self._channels = channels
