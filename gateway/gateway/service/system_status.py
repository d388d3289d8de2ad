"""Which parts behind the gateway are up, for /api/v1/status, the UI's banner and metrics.

Each part answers from a few seconds' cache (the service channels, the Kafka probe), so the
banner every page shows costs no round trip; the database check is one pooled `SELECT 1`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from prometheus_client import Gauge

from gateway.adapters.database_probe import OK, database_state
from gateway.adapters.kafka_probe import REACHABLE
from gateway.clients.channels import SERVING
from gateway.models.status import SystemStatus

if TYPE_CHECKING:
    from gateway.bootstrap import Gateway

UP_STATES = frozenset({OK, SERVING, REACHABLE})
# In the default registry, beside crm_platform.metrics' (the gateway exposes no /metrics of
# its own yet: whatever serves that registry shows these).
PART_UP = Gauge("crm_gateway_part_up", "1 while a part the gateway uses is up, else 0", ["part"])


def system_status(gateway: Gateway) -> SystemStatus:
    checks = {
        "database": database_state(gateway.engine),
        **gateway.clients.health(gateway.settings.readiness_timeout_seconds),
        "kafka": gateway.kafka.state(),
    }
    down = [part for part, state in checks.items() if state not in UP_STATES]
    for part in checks:
        PART_UP.labels(part).set(0 if part in down else 1)
    return SystemStatus(status="degraded" if down else "ok", checks=checks, down=down)
