"""Waiting until the seeded events have gone through: every outbox relayed to Kafka, and the
consumer groups that are running caught up with their topics. Bounded by a deadline; what
was left when it ran out is reported, not hidden."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from kafka.errors import KafkaError

from crm_platform.topics import EVENT_TOPICS
from marketing.entrypoints.event_handlers import event_handlers as marketing_handlers
from reporting.adapters.kafka_offsets import KafkaOffsets
from sales.service.events import DEAL_CLOSED

# The topics each live consumer group reads (group id = the service's name). The service
# desk's handlers need its settings to be built; it reads this one topic.
GROUP_TOPICS = {
    "marketing": tuple(marketing_handlers(None)),
    "service-desk": (DEAL_CLOSED,),
    "reporting": tuple(t.name for t in EVENT_TOPICS),
}
OUTBOXES = ("sales.db", "marketing.db", "service-desk.db")


def unsent(var_dir: Path) -> int:
    total = 0
    for name in OUTBOXES:
        with sqlite3.connect(f"file:{var_dir / name}?mode=ro", uri=True, timeout=30) as db:
            total += db.execute("SELECT count(*) FROM outbox WHERE sent_at IS NULL").fetchone()[0]
    return total


def lag(offsets: KafkaOffsets, group: str) -> int:
    end = offsets.end_offsets(GROUP_TOPICS[group])
    committed = offsets.committed(group)
    return sum(max(0, offset - committed.get(tp, 0)) for tp, offset in end.items())


def events_on_topics(offsets: KafkaOffsets) -> int:
    return sum(offsets.end_offsets(t.name for t in EVENT_TOPICS).values())


def wait_caught_up(
    var_dir: Path,
    bootstrap: str,
    groups: tuple[str, ...],
    *,
    timeout: float,
    also_show: tuple[str, ...] = (),
) -> dict:
    """Waits for empty outboxes and zero lag of `groups`; returns what it saw and how long
    (with the lag of the `also_show` groups, which it does not wait for)."""
    started, deadline = time.perf_counter(), time.perf_counter() + timeout
    offsets = KafkaOffsets(bootstrap, "bench-catch-up")
    try:
        while True:
            left = {"outbox": unsent(var_dir)}
            try:
                left.update({group: lag(offsets, group) for group in groups})
            except KafkaError as exc:  # e.g. a group coordinator still loading: ask again
                left["broker"] = repr(exc)
            if not any(left.values()) or time.perf_counter() > deadline:
                return {
                    "seconds": round(time.perf_counter() - started, 1),
                    "left": left,
                    "not_waited_for": {group: lag(offsets, group) for group in also_show},
                    "events_on_topics": events_on_topics(offsets),
                }
            time.sleep(1.0)
    finally:
        offsets.close()
