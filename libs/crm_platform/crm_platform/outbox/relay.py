"""The outbox relay: sends committed outbox rows to Kafka, then marks them sent.

At least once: a crash after the send and before the mark sends those events again on restart,
and the consumers drop the duplicates by event id. Nothing is lost, because a row is only marked
after Kafka acknowledged it (acks=all).
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime

from kafka import KafkaProducer
from kafka.errors import KafkaError
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from crm_platform.database import READ_ONLY
from crm_platform.metrics import OUTBOX_SEND_FAILURES, OUTBOX_SENT
from crm_platform.outbox.tables import outbox

log = logging.getLogger(__name__)


class OutboxRelay:
    def __init__(
        self,
        session_factory: sessionmaker[Session],
        producer: KafkaProducer,
        *,
        batch_size: int = 500,
        poll_interval: float = 0.2,
        send_timeout: float = 30.0,
    ) -> None:
        self._session_factory = session_factory
        self._producer = producer
        self._batch_size = batch_size
        self._poll_interval = poll_interval
        self._send_timeout = send_timeout

    def relay_once(self) -> int:
        """Send one batch of unsent events in outbox order; returns how many were sent."""
        with self._session_factory() as session:
            query = (
                select(outbox.c.id, outbox.c.topic, outbox.c.key, outbox.c.payload)
                .where(outbox.c.sent_at.is_(None))
                .order_by(outbox.c.id)
                .limit(self._batch_size)
            )
            locking = session.get_bind().dialect.name == "postgresql"
            if locking:
                # Replicas of the relay take disjoint batches instead of sending one twice.
                query = query.with_for_update(skip_locked=True)
            else:
                # A SQLite database has one relay and nothing else marks rows: read the batch
                # without the write lock and hold none while Kafka acknowledges, or every
                # command of the service would queue behind the broker's round trip.
                session.connection(execution_options={READ_ONLY: True})
            rows = session.execute(query).all()
            if not locking:
                session.rollback()  # the mark below writes in a transaction of its own
            if not rows:
                return 0
            futures = [
                self._producer.send(row.topic, key=row.key.encode(), value=row.payload)
                for row in rows
            ]
            self._producer.flush(timeout=self._send_timeout)
            for future in futures:
                future.get(timeout=self._send_timeout)  # raises if Kafka refused it
            session.execute(
                update(outbox)
                .where(outbox.c.id.in_([row.id for row in rows]))
                .values(sent_at=datetime.now(UTC))
            )
            session.commit()
        for row in rows:
            OUTBOX_SENT.labels(row.topic).inc()
        return len(rows)

    def run(self, stop: threading.Event) -> None:
        """Relay until `stop` is set, backing off while Kafka or the database fails."""
        backoff = self._poll_interval
        while not stop.is_set():
            try:
                sent = self.relay_once()
                backoff = self._poll_interval
            except (KafkaError, OSError) as exc:
                OUTBOX_SEND_FAILURES.inc()
                log.warning("relay could not send, retrying in %.1fs: %s", backoff, exc)
                sent = 0
                backoff = min(backoff * 2, 10.0)
            except Exception:
                OUTBOX_SEND_FAILURES.inc()
                log.exception("relay round failed, retrying in %.1fs", backoff)
                sent = 0
                backoff = min(backoff * 2, 10.0)
            if sent < self._batch_size:
                stop.wait(backoff)
