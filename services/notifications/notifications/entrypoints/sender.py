"""`crm-notifications send`: the loop that fires reminders, gathers digests and delivers mail
through SMTP, apart from the consumer so that a slow or dead relay never holds it up.

Several replicas may run on PostgreSQL (rows are claimed with SKIP LOCKED); on SQLite, one.
"""

from __future__ import annotations

import logging
import signal
import threading
from datetime import UTC, datetime, timedelta

from crm_platform.audit.actor import acting_as_system
from crm_platform.database import make_engine, make_session_factory
from crm_platform.metrics import serve_metrics
from notifications.adapters.smtp_sender import SmtpRelay
from notifications.entrypoints.event_handlers import mailing_of
from notifications.service.sending import SendPolicy, send_round
from notifications.settings import NotificationsSettings

log = logging.getLogger(__name__)


def relay_of(settings: NotificationsSettings) -> SmtpRelay:
    return SmtpRelay(
        host=settings.smtp_host,
        port=settings.smtp_port,
        mail_from=settings.mail_from,
        username=settings.smtp_username,
        password=settings.smtp_password.get_secret_value(),
        starttls=settings.smtp_starttls,
        timeout=settings.smtp_timeout_seconds,
    )


def policy_of(settings: NotificationsSettings) -> SendPolicy:
    return SendPolicy(
        batch=settings.send_batch_size,
        lease=timedelta(seconds=settings.claim_seconds),
        max_attempts=settings.max_attempts,
        digest_hour_utc=settings.digest_hour_utc,
    )


def send(settings: NotificationsSettings) -> None:
    serve_metrics(settings.send_metrics_port, settings.metrics_host)
    engine = make_engine(settings.database_url)
    session_factory = make_session_factory(engine)
    relay, policy, mailing = relay_of(settings), policy_of(settings), mailing_of(settings)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    log.info("notifications sender started: SMTP %s:%s", relay.host, relay.port)
    with acting_as_system("notifications-sender"):
        while not stop.is_set():
            try:
                send_round(session_factory, relay, lambda: datetime.now(UTC), mailing, policy)
            except Exception:
                # The database may be down for a while; the next round tries again.
                log.exception("send round failed")
            stop.wait(settings.send_interval_seconds)
    engine.dispose()
