"""Calls to a service's AuditLog on behalf of the current caller; grpc.RpcError propagates to
the gateway's one error handler."""

from __future__ import annotations

from crm.audit.v1 import audit_pb2, audit_pb2_grpc
from crm_platform.grpc_metadata import outgoing_metadata
from crm_platform.request_context import current_correlation_id, current_identity
from gateway.domain.audited_objects import OWNER_OF
from gateway.http.current import current_gateway


def list_audit_entries(
    request: audit_pb2.ListAuditEntriesRequest,
) -> audit_pb2.ListAuditEntriesResponse:
    """The entries of `request.object_type`, from the service that owns that type."""
    gateway = current_gateway()
    stub = audit_pb2_grpc.AuditLogStub(gateway.channels.channel(OWNER_OF[request.object_type]))
    return stub.ListAuditEntries(
        request,
        metadata=outgoing_metadata(current_identity(), current_correlation_id()),
        timeout=gateway.settings.grpc_deadline_seconds,
    )
