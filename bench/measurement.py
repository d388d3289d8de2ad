"""One measured figure: throughput and latency percentiles of one way of calling a use case."""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Measurement:
    scenario: str
    path: str  # "rest (gateway)", "grpc", "in-process"
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int = 0
    error_kinds: str = ""  # what the errors were, e.g. "409 x3, timeout x1"

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        return {**asdict(self), "throughput": round(self.throughput, 1)}


def from_latencies(
    scenario: str, path: str, latencies: list[float], seconds: float, errors: int = 0
) -> Measurement:
    if not latencies:
        return Measurement(scenario, path, 0, seconds, 0.0, 0.0, errors)
    ordered = sorted(latencies)
    p99_index = min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))
    return Measurement(
        scenario,
        path,
        len(ordered),
        seconds,
        statistics.median(ordered) * 1000,
        ordered[p99_index] * 1000,
        errors,
    )
