"""Event to report: how long after the gateway acknowledged a deal move the funnel shows it.

One move at a time (a deal of the probe pool there and back between two open stages); after
each acknowledgement the reporting service is asked over gRPC for the owner's funnel until the
target stage's count has gone up by one. Bounded by a number of moves, a total time, and a
per-move wait (a move not seen in time counts as missed)."""

from __future__ import annotations

import time

import grpc
import requests
from pools import Alternating
from scenarios import BENCH_USER, MOVE_STAGES

from crm.reporting.v1 import reporting_pb2, reporting_pb2_grpc
from crm.sales.v1 import sales_pb2
from crm_platform.grpc_metadata import outgoing_metadata

POLL_SECONDS = 0.005


def measure_event_to_report(
    stack, wiring, token: str, deal_ids: list[str], *, moves: int, seconds: float, wait: float
) -> dict:
    channel = grpc.insecure_channel(f"127.0.0.1:{stack.ports['reporting']}")
    reporting = reporting_pb2_grpc.ReportingServiceStub(channel)
    metadata = outgoing_metadata(BENCH_USER, "bench-event-to-report")
    owners = {
        deal_id: wiring.sales.GetDeal(
            sales_pb2.GetRequest(id=deal_id), metadata=wiring.metadata, timeout=10
        ).owner_id
        for deal_id in deal_ids[: min(len(deal_ids), moves)]
    }
    probe = Alternating(list(owners), MOVE_STAGES)
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {token}"

    def count(owner: str, stage: str) -> int:
        funnel = reporting.GetFunnel(
            reporting_pb2.FunnelRequest(owner_id=owner), metadata=metadata, timeout=10
        )
        return sum(s.count for s in funnel.stages if s.stage == stage)

    delays, missed, deadline = [], 0, time.perf_counter() + seconds
    try:
        for _ in range(moves):
            if time.perf_counter() > deadline:
                break
            deal_id, stage = probe.take()
            before = count(owners[deal_id], stage)
            answer = http.post(
                f"{stack.base_url}/api/v1/deals/{deal_id}:move", json={"stage": stage}, timeout=10
            )
            acknowledged = time.perf_counter()
            if answer.status_code != 200:
                missed += 1
                continue
            while count(owners[deal_id], stage) <= before:
                if time.perf_counter() - acknowledged > wait:
                    missed += 1
                    break
                time.sleep(POLL_SECONDS)
            else:
                delays.append(time.perf_counter() - acknowledged)
    finally:
        channel.close()
        http.close()
    ordered = sorted(delays)

    def percentile(share: float) -> float:
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] * 1000

    return {
        "moves": len(delays),
        "missed": missed,
        "p50_ms": round(percentile(0.5), 1) if ordered else None,
        "p99_ms": round(percentile(0.99), 1) if ordered else None,
    }
