"""Prometheus metrics: the endpoint, and the metrics the plumbing itself records."""

from __future__ import annotations

from prometheus_client import Counter, Histogram, start_http_server

GRPC_HANDLED = Counter("crm_grpc_server_handled_total", "gRPC calls handled", ["method", "code"])
GRPC_LATENCY = Histogram("crm_grpc_server_handling_seconds", "gRPC call duration", ["method"])
OUTBOX_SENT = Counter("crm_outbox_events_sent_total", "Outbox events sent to Kafka", ["topic"])
OUTBOX_SEND_FAILURES = Counter(
    "crm_outbox_send_failures_total", "Relay rounds that failed to send and will retry"
)
EVENTS_CONSUMED = Counter(
    "crm_events_consumed_total",
    "Events handled by a consumer, by outcome (applied, duplicate, dead_lettered)",
    ["topic", "outcome"],
)
CONSUMER_FAILURES = Counter(
    "crm_consumer_handler_failures_total",
    "Handler failures that will be retried (a consumer failing in a loop shows here)",
    ["topic"],
)


def serve_metrics(port: int, host: str = "127.0.0.1") -> None:
    """Expose /metrics on `port`; 0 means this process exposes none."""
    if port:
        start_http_server(port, addr=host)
