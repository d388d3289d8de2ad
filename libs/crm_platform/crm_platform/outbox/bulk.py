"""Publishing many events in one statement, for use cases that change many aggregates at once
(an import of thousands of rows): one multi-row insert instead of a round trip per event.

Same outbox rows as `UnitOfWork.publish`, in the caller's order, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from google.protobuf.message import Message
from sqlalchemy import insert

from crm_platform.envelope import build_envelope
from crm_platform.outbox.tables import outbox
from crm_platform.unit_of_work import UnitOfWork


def publish_many(uow: UnitOfWork, topic: str, events: Iterable[tuple[str, Message]]) -> int:
    """Record one event on `topic` per (aggregate_id, payload); returns how many."""
    now = datetime.now(UTC)
    rows = []
    for aggregate_id, payload in events:
        envelope = build_envelope(
            topic=topic, aggregate_id=aggregate_id, payload=payload, producer=uow.producer
        )
        rows.append(
            {
                "event_id": envelope.event_id,
                "topic": topic,
                "key": aggregate_id,
                "payload": envelope.SerializeToString(),
                "created_at": now,
            }
        )
    if rows:
        uow.session.execute(insert(outbox), rows)
    return len(rows)
