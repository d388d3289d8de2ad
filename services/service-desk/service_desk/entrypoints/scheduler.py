"""`crm-service-desk schedule`: the periodic job. Each round reminds about missed follow-ups
and records SLA breaches, then sleeps for the interval; it stops between rounds on SIGTERM.

Several replicas may run: rows are taken with SKIP LOCKED on PostgreSQL, so no reminder is
sent twice. On SQLite, run one.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from datetime import UTC, datetime

from crm_platform.audit.actor import acting_as_system
from crm_platform.database import make_engine, make_session_factory
from crm_platform.metrics import serve_metrics
from crm_platform.unit_of_work import UnitOfWork
from service_desk.service.watch import record_breaches, remind_overdue
from service_desk.settings import ServiceDeskSettings

log = logging.getLogger(__name__)

# The audit log's actor for the scheduler's changes: no user asked for them.
SCHEDULER_ACTOR = "service-desk-scheduler"


def run_round(new_uow: Callable[[], UnitOfWork], *, now: datetime, batch: int) -> int:
    """One round; keeps taking batches while they come back full. Returns how many rows."""
    handled = 0
    with acting_as_system(SCHEDULER_ACTOR):
        for step in (remind_overdue, record_breaches):
            while True:
                count = step(new_uow(), now=now, batch=batch)
                handled += count
                if count < batch:
                    break
    return handled


def run_scheduler(
    new_uow: Callable[[], UnitOfWork], stop: threading.Event, *, interval: float, batch: int
) -> None:
    while not stop.is_set():
        try:
            handled = run_round(new_uow, now=datetime.now(UTC), batch=batch)
            if handled:
                log.info("scheduler round handled %d follow-ups and tickets", handled)
        except Exception:
            # The database may be down for a while; the next round tries again.
            log.exception("scheduler round failed")
        stop.wait(interval)


def main(settings: ServiceDeskSettings, service_name: str) -> None:
    serve_metrics(settings.scheduler_metrics_port, settings.metrics_host)
    engine = make_engine(settings.database_url)
    session_factory = make_session_factory(engine)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    log.info("%s scheduler started, every %.0fs", service_name, settings.schedule_interval_seconds)
    run_scheduler(
        lambda: UnitOfWork(session_factory, service_name),
        stop,
        interval=settings.schedule_interval_seconds,
        batch=settings.schedule_batch_size,
    )
    engine.dispose()
