"""Liveness (/healthz) and readiness (/readyz) for probes."""

from __future__ import annotations

from flask import Blueprint
from spectree import Response, SpecTree

from gateway.adapters.kafka_probe import REACHABLE
from gateway.clients.channels import SERVING
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
        """Every service answers SERVING and the Kafka broker is reachable."""
        gateway = current_gateway()
        checks = gateway.channels.health(gateway.settings.readiness_timeout_seconds)
        ready = all(state == SERVING for state in checks.values())
        checks["kafka"] = gateway.kafka.state()
        ready = ready and checks["kafka"] == REACHABLE
        status = 200 if ready else 503
        return Readiness(status="ok" if ready else "unavailable", checks=checks), status

    return bp
