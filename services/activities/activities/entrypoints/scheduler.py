"""`crm-activities schedule`: the periodic job. Each round sends the reminders whose time has
come and the overdue notices, then sleeps for the interval; it stops between rounds on SIGTERM.

Any number of replicas may run, on SQLite or PostgreSQL: each notice is claimed in the
database (activities.service.reminders), so none goes out twice.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from datetime import UTC, datetime

from activities.adapters.task_repository import DUE, OVERDUE
from activities.adapters.unit_of_work import ActivitiesUnitOfWork
from activities.service.reminders import send_notices
from activities.settings import ActivitiesSettings
from crm_platform.database import make_engine, make_session_factory
from crm_platform.metrics import serve_metrics

log = logging.getLogger(__name__)


def run_round(new_uow: Callable[[], ActivitiesUnitOfWork], *, now: datetime, batch: int) -> int:
    """One round; keeps taking batches while they come back full. Returns how many tasks."""
    handled = 0
    for kind in (DUE, OVERDUE):
        while True:
            count = send_notices(new_uow(), kind, now=now, batch=batch)
            handled += count
            if count < batch:
                break
    return handled


def run_scheduler(
    new_uow: Callable[[], ActivitiesUnitOfWork],
    stop: threading.Event,
    *,
    interval: float,
    batch: int,
) -> None:
    while not stop.is_set():
        try:
            handled = run_round(new_uow, now=datetime.now(UTC), batch=batch)
            if handled:
                log.info("scheduler round handled %d tasks", handled)
        except Exception:
            # The database may be down for a while, or another replica took the same claim
            # first (its key refused ours, this batch rolled back): the next round goes on.
            log.exception("scheduler round failed")
        stop.wait(interval)


def main(settings: ActivitiesSettings, service_name: str) -> None:
    serve_metrics(settings.scheduler_metrics_port, settings.metrics_host)
    engine = make_engine(settings.database_url)
    session_factory = make_session_factory(engine)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    log.info("%s scheduler started, every %.0fs", service_name, settings.schedule_interval_seconds)
    run_scheduler(
        lambda: ActivitiesUnitOfWork(session_factory, service_name),
        stop,
        interval=settings.schedule_interval_seconds,
        batch=settings.schedule_batch_size,
    )
    engine.dispose()
