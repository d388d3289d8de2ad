"""GET /api/v1/status: what is up behind the gateway, for admins (operators' dashboards)."""

from __future__ import annotations

from flask import Blueprint
from spectree import SpecTree

from gateway.entrypoints.documented_route import route_maker
from gateway.http.current import current_gateway
from gateway.models.status import SystemStatus
from gateway.service.system_status import system_status


def status_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("status", __name__, url_prefix="/api/v1")
    route = route_maker(bp, api, "health")

    @route("GET", "/status", roles=("admin",), HTTP_200=SystemStatus)
    def status():
        """The gateway's database, each service's health and Kafka's reachability; `down`
        names the parts that are not up. Always 200 while the gateway can answer: a part
        being down is the answer, not a failure. Figures a few seconds old may be reused."""
        return system_status(current_gateway())

    return bp
