"""What every service client shares: one call on behalf of the current caller, within a
deadline, with gRPC failures turned into the gateway's domain errors."""

from __future__ import annotations

from typing import Any

import grpc

from crm_platform.errors import Unavailable
from crm_platform.grpc_metadata import IDEMPOTENCY_KEY, outgoing_metadata
from crm_platform.request_context import (
    current_correlation_id,
    current_idempotency_key,
    current_identity,
    seconds_left,
)
from gateway.clients.status import UNAVAILABLE_MESSAGE, domain_error


class ServiceClient:
    """Base of the typed clients; subclasses build the request and the view model."""

    def __init__(self, deadline_seconds: float) -> None:
        self._deadline = deadline_seconds

    def _call(self, method: grpc.UnaryUnaryMultiCallable, request: Any, timeout: float = 0) -> Any:
        """`method(request)` as the caller bound to this request (anonymous outside a login:
        the public survey); a request iterator for a client-streaming method.

        Within the request's own deadline when it has one (a keyed request: its claim on the
        key lapses then), and with its Idempotency-Key, which the service records."""
        metadata: Any = outgoing_metadata(current_identity(), current_correlation_id())
        timeout = timeout or self._deadline
        left = seconds_left()
        if left is not None:
            if left <= 0:
                raise Unavailable(UNAVAILABLE_MESSAGE)
            timeout = min(timeout, left)
        key = current_idempotency_key()
        if key:
            metadata = (*metadata, (IDEMPOTENCY_KEY, key))
        try:
            return method(request, metadata=metadata, timeout=timeout)
        except grpc.RpcError as error:
            raise domain_error(error) from None
