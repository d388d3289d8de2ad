"""Consumer lag: per topic, the events on the broker the consumer group has not applied yet."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol


class Partition(Protocol):
    topic: str
    partition: int


def lag_per_topic(
    end: Mapping[Partition, int], committed: Mapping[Partition, int]
) -> dict[str, int]:
    """A partition with no committed offset lags by all its events (retention keeps them all,
    so the beginning is offset 0)."""
    lags: dict[str, int] = {}
    for partition, end_offset in end.items():
        behind = max(end_offset - committed.get(partition, 0), 0)
        lags[partition.topic] = lags.get(partition.topic, 0) + behind
    return lags


def is_ready(lags: Mapping[str, int], max_lag: int) -> bool:
    return all(lag <= max_lag for lag in lags.values())
