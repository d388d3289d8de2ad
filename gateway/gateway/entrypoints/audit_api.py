"""The audit log: /api/v1/audit, read from the service that owns the object type, for admins
and managers (the services refuse anyone else too)."""

from __future__ import annotations

from flask import Blueprint
from spectree import Response, SpecTree

from crm.audit.v1 import audit_pb2 as pb
from gateway.adapters.audit_rpc import list_audit_entries
from gateway.entrypoints.openapi import BEARER
from gateway.entrypoints.security import login_required
from gateway.models.audit import AuditEntryOut, AuditList, AuditQuery
from gateway.models.common import Problem

READERS = ("admin", "manager")
_REFUSALS = {"HTTP_400": Problem, "HTTP_401": Problem, "HTTP_403": Problem, "HTTP_503": Problem}


def audit_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("audit", __name__, url_prefix="/api/v1")

    @bp.get("/audit")
    @login_required(*READERS)
    @api.validate(
        query=AuditQuery,
        resp=Response(HTTP_200=AuditList, **_REFUSALS),
        tags=["audit"],
        security=BEARER,
    )
    def list_audit(query: AuditQuery):
        """Who changed what and when, newest first, with the values before and after."""
        reply = list_audit_entries(
            pb.ListAuditEntriesRequest(
                object_type=query.object_type,
                object_id=query.object_id or "",
                actor_id=query.actor_id or "",
                page_size=query.page_size,
                page_token=query.page_token or "",
            )
        )
        return AuditList(
            items=[AuditEntryOut.of(m) for m in reply.entries],
            next_page_token=reply.next_page_token or None,
            total=reply.total,
        )

    return bp
