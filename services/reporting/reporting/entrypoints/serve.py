"""`crm-reporting serve`: the platform's gRPC server plus what only reporting needs: the lag
monitor driving readiness, and reopening the SQLite file after a rebuild renamed a new one in.
"""

from __future__ import annotations

import logging
import signal
import threading
from pathlib import Path

from grpc_health.v1 import health_pb2
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from crm_platform.database import make_engine, make_session_factory
from crm_platform.grpc_server.server import start_server
from crm_platform.metrics import serve_metrics
from reporting.adapters.kafka_offsets import KafkaOffsets
from reporting.bootstrap import SERVICE_FULL_NAME, grpc_bindings
from reporting.entrypoints.lag_monitor import LagMonitor
from reporting.settings import CONSUMER_GROUP, ReportingSettings

log = logging.getLogger(__name__)
SERVING = health_pb2.HealthCheckResponse.SERVING
NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING


def serve(settings: ReportingSettings) -> None:
    serve_metrics(settings.metrics_port, settings.metrics_host)
    engine = make_engine(settings.database_url)
    monitor = LagMonitor(
        lambda: KafkaOffsets(settings.kafka_bootstrap_servers, "reporting-lag"),
        CONSUMER_GROUP,
        settings.max_ready_lag,
    )
    bindings = grpc_bindings(settings, make_session_factory(engine), monitor.current)
    server = start_server(
        settings.grpc_address,
        bindings,
        workers=settings.grpc_workers,
        verifier=settings.identity_verifier(),
    )
    monitor.on_readiness = lambda ready: server.health.set(
        SERVICE_FULL_NAME, SERVING if ready else NOT_SERVING
    )
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    watcher = SqliteSwapWatcher(engine)
    threading.Thread(
        target=monitor.run, args=(stop, settings.lag_check_interval), daemon=True
    ).start()
    while not stop.wait(1.0):
        watcher.check()
    log.info("reporting stopping")
    server.stop()
    engine.dispose()


class SqliteSwapWatcher:
    """Pooled connections keep the file they opened; after a rebuild renamed a new file in,
    drop them so that the next query opens the new one."""

    def __init__(self, engine: Engine) -> None:
        url = make_url(str(engine.url))
        is_file = url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")
        self._engine = engine
        self._path = Path(url.database) if is_file else None
        self._inode = self._current_inode()

    def _current_inode(self) -> int | None:
        try:
            return self._path.stat().st_ino if self._path else None
        except FileNotFoundError:
            return None

    def check(self) -> None:
        inode = self._current_inode()
        if inode != self._inode:
            log.info("reporting database file replaced; reopening %s", self._path)
            self._inode = inode
            self._engine.dispose()
