"""Kafka producer, consumer and admin client, configured once for the whole CRM.

Every client connects as the environment says (crm_platform.settings.KafkaSecurity): plaintext
locally, TLS and the service's SCRAM user in production. Read when a client is made, so that
every process and tool gets it without passing it along.
"""

from __future__ import annotations

import socket
from typing import Any

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.errors import KafkaError

from crm_platform.settings import KafkaSecurity


def security_options() -> dict[str, Any]:
    return KafkaSecurity().kafka_client_options()


def make_admin(bootstrap_servers: str, client_id: str, **options: Any) -> KafkaAdminClient:
    return KafkaAdminClient(
        bootstrap_servers=bootstrap_servers.split(","),
        client_id=client_id,
        **security_options(),
        **options,
    )


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
        **security_options(),
    )


def make_consumer(
    bootstrap_servers: str, group_id: str, topics: list[str], client_id: str
) -> KafkaConsumer:
    # Offsets are committed by the consumer loop, only after the effects are committed in the
    # service's database; a new group starts from the beginning so no event is skipped.
    consumer = KafkaConsumer(
        *topics,
        bootstrap_servers=bootstrap_servers.split(","),
        group_id=group_id,
        client_id=client_id,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        isolation_level="read_committed",
        max_poll_records=200,
        # A group member that joined before its topic's partitions were known (a topic created
        # by its first event, a leader still being elected) is assigned nothing until a
        # metadata refresh shows them and starts a rebalance: every 10 s rather than the
        # client's default 5 minutes. Seen as consumers idle for minutes on a busy machine.
        metadata_max_age_ms=10_000,
        **security_options(),
    )
    # The group leader assigns partitions from the metadata it holds when the first poll joins:
    # fetched here first, so that the join does not race the subscription's own metadata
    # request (the race lost left a fresh consumer with nothing assigned).
    for topic in topics:
        consumer.partitions_for_topic(topic)
    return consumer


def broker_answers(bootstrap_servers: str, timeout: float = 3.0) -> bool:
    """True when a broker accepts a connection and answers a metadata request in `timeout`.

    A plain TCP connect comes first: while the broker is still starting, it answers at once
    and spares the Kafka client's retry loop (and its error logs).
    """
    servers = bootstrap_servers.split(",")
    if not any(_port_open(server, timeout) for server in servers):
        return False
    timeout_ms = max(int(timeout * 1000), 100)
    admin = None
    try:
        admin = make_admin(
            bootstrap_servers,
            "crm-probe",
            request_timeout_ms=timeout_ms,
            bootstrap_timeout_ms=timeout_ms,
            reconnect_backoff_max_ms=timeout_ms,
        )
        admin.describe_cluster()
        return True
    except (KafkaError, OSError, ValueError):
        return False
    finally:
        if admin is not None:
            admin.close()


def _port_open(server: str, timeout: float) -> bool:
    host, _, port = server.strip().rpartition(":")
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout):
            return True
    except (OSError, ValueError):
        return False
