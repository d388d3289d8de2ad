"""What every service client shares: one call on behalf of the current caller, within a
deadline, with gRPC failures turned into the gateway's domain errors."""

from __future__ import annotations

from typing import Any

import grpc

from crm_platform.grpc_metadata import outgoing_metadata
from crm_platform.request_context import current_correlation_id, current_identity
from gateway.clients.status import domain_error


class ServiceClient:
    """Base of the typed clients; subclasses build the request and the view model."""

    def __init__(self, deadline_seconds: float) -> None:
        self._deadline = deadline_seconds

    def _call(self, method: grpc.UnaryUnaryMultiCallable, request: Any, timeout: float = 0) -> Any:
        """`method(request)` as the caller bound to this request (anonymous outside a login:
        the public survey); a request iterator for a client-streaming method."""
        metadata = outgoing_metadata(current_identity(), current_correlation_id())
        try:
            return method(request, metadata=metadata, timeout=timeout or self._deadline)
        except grpc.RpcError as error:
            raise domain_error(error) from None
