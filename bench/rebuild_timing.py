"""`crm-reporting rebuild`, timed: every event on the topics replayed into a fresh reporting
database and swapped in. Run while the live reporting consumer is held (the command refuses
otherwise), so it also builds the read models the rest of the run reads.

Bounded: past `timeout` the command is killed, its rate taken from the events its unfinished
database had applied, and the live consumer group handed the end offsets the rebuild would
have handed it, so that the rest of the run measures the live path rather than a backlog (the
read models then hold only what the rebuild got through, and the result says so)."""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

from catch_up import events_on_topics

from crm_platform.topics import EVENT_TOPICS
from reporting.adapters.kafka_offsets import KafkaOffsets
from reporting.settings import CONSUMER_GROUP

_READ = re.compile(r"rebuilt reporting from (\d+) records")


def time_rebuild(stack, bootstrap: str, *, timeout: float) -> dict:
    offsets = KafkaOffsets(bootstrap, "bench-rebuild")
    try:
        end = offsets.end_offsets(t.name for t in EVENT_TOPICS)
        on_topics = events_on_topics(offsets)
        started = time.perf_counter()
        code, output = stack.run_command(
            ["crm-reporting", "rebuild"], timeout=timeout, env={"LOG_LEVEL": "INFO"}
        )
        seconds = time.perf_counter() - started
        found = _READ.search(output)
        result = {"events_on_topics": on_topics, "seconds": round(seconds, 2), "exit_code": code}
        if code == 0:
            result["events"] = int(found.group(1)) if found else on_topics
        else:
            result["events"] = _applied(stack.var_dir / "reporting.db.rebuild")
            result["output_tail"] = output[-1500:]
        if code is None:  # killed at the time limit: hand over as the rebuild would have
            offsets.commit(CONSUMER_GROUP, end)
            result["read_models"] = "empty: the rebuild ran out of time (see events)"
        result["events_per_second"] = round(result["events"] / seconds, 1)
        return result
    finally:
        offsets.close()


def _applied(database: Path) -> int:
    """Events an unfinished rebuild had committed (its processed-event ids)."""
    if not database.exists():
        return 0
    with sqlite3.connect(database, timeout=30) as db:
        return db.execute("SELECT count(*) FROM processed_events").fetchone()[0]
