"""The audit log: /api/v1/audit, read from the service that owns the object type, for admins
and managers (the services refuse anyone else too)."""

from __future__ import annotations

from flask import Blueprint
from spectree import SpecTree

from gateway.entrypoints.documented_route import route_maker
from gateway.http.current import clients
from gateway.models.audit import AuditList, AuditQuery
from gateway.models.common import Problem

READERS = ("admin", "manager")


def audit_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("audit", __name__, url_prefix="/api/v1")
    route = route_maker(bp, api, "audit")

    @route("GET", "/audit", roles=READERS, query=AuditQuery, HTTP_200=AuditList, HTTP_400=Problem)
    def list_audit(query: AuditQuery):
        """Who changed what and when, newest first, with the values before and after."""
        return clients().audit.list_entries(query)

    return bp
