"""Kafka producer and consumer, configured once for the whole CRM."""

from __future__ import annotations

from kafka import KafkaConsumer, KafkaProducer


def make_producer(bootstrap_servers: str, client_id: str) -> KafkaProducer:
    # Every write is acknowledged by all in-sync replicas; the idempotent producer lets retries
    # happen without duplicates or reordering within a partition (up to 5 requests in flight).
    return KafkaProducer(
        bootstrap_servers=bootstrap_servers.split(","),
        client_id=client_id,
        acks="all",
        enable_idempotence=True,
        max_in_flight_requests_per_connection=5,
        linger_ms=5,
        compression_type=None,
        request_timeout_ms=15_000,
        delivery_timeout_ms=60_000,
    )


def make_consumer(
    bootstrap_servers: str, group_id: str, topics: list[str], client_id: str
) -> KafkaConsumer:
    # Offsets are committed by the consumer loop, only after the effects are committed in the
    # service's database; a new group starts from the beginning so no event is skipped.
    return KafkaConsumer(
        *topics,
        bootstrap_servers=bootstrap_servers.split(","),
        group_id=group_id,
        client_id=client_id,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        isolation_level="read_committed",
        max_poll_records=200,
    )
