"""`crm-reporting rebuild`, timed: every event on the topics replayed into a fresh reporting
database and swapped in. Run while the live reporting consumer is held (the command refuses
otherwise), so it also builds the read models the rest of the run reads."""

from __future__ import annotations

import re
import time

from catch_up import events_on_topics

from reporting.adapters.kafka_offsets import KafkaOffsets

_READ = re.compile(r"rebuilt reporting from (\d+) records")


def time_rebuild(stack, bootstrap: str, *, timeout: float) -> dict:
    offsets = KafkaOffsets(bootstrap, "bench-rebuild")
    try:
        on_topics = events_on_topics(offsets)
    finally:
        offsets.close()
    started = time.perf_counter()
    code, output = stack.run_command(
        ["crm-reporting", "rebuild"], timeout=timeout, env={"LOG_LEVEL": "INFO"}
    )
    seconds = time.perf_counter() - started
    found = _READ.search(output)
    events = int(found.group(1)) if found else on_topics
    result = {
        "events": events,
        "seconds": round(seconds, 2),
        "events_per_second": round(events / seconds, 1) if code == 0 else 0.0,
        "exit_code": code,  # None: killed at the timeout
    }
    if code != 0:
        result["output_tail"] = output[-2000:]
    return result
