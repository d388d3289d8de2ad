"""Session-wide test servers: one real Kafka broker and one PostgreSQL cluster per test session.

Both run as local processes (no Docker engine on the build machines). They start only when a
test asks for them, so the unit tests stay fast.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from crm_platform.local.kafka_broker import BrokerConfig, KafkaBroker

ROOT = Path(__file__).resolve().parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def kafka_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KafkaBroker]:
    log_path = tmp_path_factory.mktemp("kafka-log") / "broker.log"
    broker = KafkaBroker(
        BrokerConfig(
            data_dir=tmp_path_factory.mktemp("kafka"),
            classpath_file=Path(
                os.environ.get("KAFKA_CLASSPATH_FILE", ROOT / "build" / "kafka.classpath")
            ),
            port=free_port(),
            controller_port=free_port(),
        )
    )
    with log_path.open("wb") as log:
        broker.start(stdout=log)
        try:
            yield broker
        finally:
            broker.stop()


@pytest.fixture(scope="session")
def postgres_cluster():
    from crm_platform.local.postgres_cluster import PostgresCluster

    cluster = PostgresCluster()
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()
