"""The AuditLog gRPC service, the same in every service that keeps an audit log: admins and
managers read it; the object types a service owns are the only ones it accepts."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection

from crm.audit.v1 import audit_pb2, audit_pb2_grpc
from crm_platform.audit.reading import AuditEntry, AuditFilter, list_entries
from crm_platform.errors import InvalidArgument, PermissionDenied, Unauthenticated
from crm_platform.grpc_server.server import ServiceBinding
from crm_platform.request_context import current_identity
from crm_platform.unit_of_work import UnitOfWork

READERS = ("admin", "manager")
FULL_NAME = "crm.audit.v1.AuditLog"


class AuditLogServicer(audit_pb2_grpc.AuditLogServicer):
    def __init__(self, new_uow: Callable[[], UnitOfWork], object_types: Collection[str]):
        self._new_uow = new_uow
        self._object_types = frozenset(object_types)

    # gRPC's method names are CamelCase.
    def ListAuditEntries(self, request, context):  # noqa: N802
        identity = current_identity()
        if identity.is_anonymous:
            raise Unauthenticated("sign in to read the audit log")
        if not identity.has_any(*READERS):
            raise PermissionDenied("only admins and managers may read the audit log")
        if request.object_type and request.object_type not in self._object_types:
            known = ", ".join(sorted(self._object_types))
            raise InvalidArgument.field("object_type", f"must be one of: {known}")
        if request.object_id and not request.object_type:
            raise InvalidArgument.field("object_type", "is required with object_id")
        where = AuditFilter(request.object_type, request.object_id, request.actor_id)
        # Read-only: on SQLite it reads its snapshot beside writers instead of queueing.
        with self._new_uow().read_only() as uow:
            page = list_entries(
                uow.session, where, requested_size=request.page_size, token=request.page_token
            )
        return audit_pb2.ListAuditEntriesResponse(
            entries=[entry_message(e) for e in page.items],
            next_page_token=page.next_page_token or "",
            total=page.total,
        )


def entry_message(entry: AuditEntry) -> audit_pb2.AuditEntry:
    message = audit_pb2.AuditEntry(
        id=entry.id,
        actor_id=entry.actor_id,
        actor_roles=list(entry.actor_roles),
        correlation_id=entry.correlation_id,
        object_type=entry.object_type,
        object_id=entry.object_id,
        action=entry.action,
        old_values_json=_json(entry.old_values),
        new_values_json=_json(entry.new_values),
    )
    message.occurred_at.FromDatetime(entry.occurred_at)
    return message


def audit_binding(
    new_uow: Callable[[], UnitOfWork], object_types: Collection[str]
) -> ServiceBinding:
    """The binding a service adds to its gRPC server to serve its audit log."""
    return ServiceBinding(
        audit_pb2_grpc.add_AuditLogServicer_to_server,
        AuditLogServicer(new_uow, object_types),
        FULL_NAME,
    )


def _json(values: dict | None) -> str:
    return "" if values is None else json.dumps(values, ensure_ascii=False, sort_keys=True)
