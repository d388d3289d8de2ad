"""The audit log: /api/v1/audit, read from the service that owns the object type, for admins
and managers (the services refuse anyone else too)."""

from __future__ import annotations

from flask import Blueprint
from spectree import SpecTree

from gateway.domain.audited_objects import GATEWAY, OWNER_OF
from gateway.entrypoints.documented_route import route_maker
from gateway.http.current import clients, current_gateway
from gateway.models.audit import AuditList, AuditQuery
from gateway.models.common import Problem
from gateway.service import security_audit

READERS = ("admin", "manager")


def audit_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("audit", __name__, url_prefix="/api/v1")
    route = route_maker(bp, api, "audit")

    @route("GET", "/audit", roles=READERS, query=AuditQuery, HTTP_200=AuditList, HTTP_400=Problem)
    def list_audit(query: AuditQuery):
        """Who changed what and when, newest first, with the values before and after. Users
        and API tokens are the gateway's own: their entries (user creation, role grants,
        locks and unlocks, password resets, tokens issued and revoked, sessions ended) also
        name the caller's address."""
        if OWNER_OF[query.object_type] == GATEWAY:
            return security_audit.list_entries(current_gateway().deps, query)
        return clients().audit.list_entries(query)

    return bp
