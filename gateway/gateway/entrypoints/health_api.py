"""Liveness (/healthz) and readiness (/readyz) for probes.

Readiness is what this gateway needs to serve: its own database. A service or the broker
being down takes out only what uses it (those requests answer 503), not every gateway pod
from the load balancer; their state is in /api/v1/status, the metrics and the UI's banner.
"""

from __future__ import annotations

from flask import Blueprint
from spectree import Response, SpecTree

from gateway.adapters.database_probe import OK, database_state
from gateway.http.current import current_gateway
from gateway.models.health import Liveness, Readiness


def health_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("health", __name__)

    @bp.get("/healthz")
    @api.validate(resp=Response(HTTP_200=Liveness), tags=["health"])
    def healthz():
        """The process answers; nothing else is checked, so a restart would not help."""
        return Liveness()

    @bp.get("/readyz")
    @api.validate(resp=Response(HTTP_200=Readiness, HTTP_503=Readiness), tags=["health"])
    def readyz():
        """The gateway's database answers. Services and Kafka are not checked here: see
        GET /api/v1/status."""
        database = database_state(current_gateway().engine)
        if database != OK:
            return Readiness(status="unavailable", checks={"database": database}), 503
        return Readiness(status="ok", checks={"database": database})

    return bp
