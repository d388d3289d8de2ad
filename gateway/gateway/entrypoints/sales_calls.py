"""TRANSITION: the stringly typed sales call the customer timeline (service/customer_timeline.py)
still takes; everything else calls clients().sales. Removed when the timeline is a read model."""

from __future__ import annotations

from typing import Any

from crm_platform.grpc_metadata import outgoing_metadata
from crm_platform.request_context import current_correlation_id, current_identity
from gateway.http.current import current_gateway


def sales(method: str, request: Any) -> Any:
    gateway = current_gateway()
    return getattr(gateway.channels.sales, method)(
        request,
        metadata=outgoing_metadata(current_identity(), current_correlation_id()),
        timeout=gateway.settings.grpc_deadline_seconds,
    )
