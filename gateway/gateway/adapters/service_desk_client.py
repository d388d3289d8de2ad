"""TRANSITION: the stringly typed service-desk call, kept only for the customer timeline
(service/customer_timeline.py and its two callers) until it reads the reporting read model;
everything else calls gateway.clients.ServiceDeskClient. Removed with that timeline."""

from __future__ import annotations

from typing import Any

from crm_platform.grpc_metadata import outgoing_metadata
from crm_platform.request_context import current_correlation_id, current_identity
from gateway.http.current import current_gateway


def desk(method: str, request: Any) -> Any:
    """`method` of the service desk, with the app's stub and deadline; grpc.RpcError propagates."""
    gateway = current_gateway()
    return getattr(gateway.channels.service_desk, method)(
        request,
        metadata=outgoing_metadata(current_identity(), current_correlation_id()),
        timeout=gateway.settings.grpc_deadline_seconds,
    )
