"""The audit log every service keeps of its records; asked of the service that owns the type."""

from __future__ import annotations

from crm.audit.v1 import audit_pb2 as pb
from crm.audit.v1 import audit_pb2_grpc
from gateway.clients.channels import ServiceChannels
from gateway.clients.messages import as_data
from gateway.clients.rpc import ServiceClient
from gateway.domain.audited_objects import GATEWAY, OWNER_OF
from gateway.models.audit import AuditList, AuditQuery


class AuditClient(ServiceClient):
    def __init__(self, channels: ServiceChannels, deadline_seconds: float) -> None:
        super().__init__(deadline_seconds)
        # The gateway's own entries are read from its database (service/security_audit.py).
        self._stubs = {
            owner: audit_pb2_grpc.AuditLogStub(channels[owner])
            for owner in set(OWNER_OF.values()) - {GATEWAY}
        }

    def list_entries(self, query: AuditQuery) -> AuditList:
        """Entries of `query.object_type`, newest first, from the service that owns the type;
        only admins and managers may read them (the services refuse anyone else)."""
        request = pb.ListAuditEntriesRequest(
            **{name: value or "" for name, value in query if name != "page_size"},
            page_size=query.page_size,
        )
        reply = self._call(self._stubs[OWNER_OF[query.object_type]].ListAuditEntries, request)
        data = as_data(reply)
        return AuditList.model_validate(
            {
                "items": data.get("entries", []),
                "next_page_token": data.get("next_page_token") or None,
                "total": data.get("total", 0),
            }
        )
