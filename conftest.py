"""Session-wide test servers (one real Kafka broker and one PostgreSQL cluster per session),
and per-test helpers on them: a freshly migrated PostgreSQL database, a gRPC server.

Both run as local processes (no Docker engine on the build machines). They start only when a
test asks for them, so the unit tests stay fast.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest

from crm_platform import migrations
from crm_platform.database import make_engine, make_session_factory
from crm_platform.grpc_metadata import SIGNING_KEY_VARIABLE
from crm_platform.grpc_server.server import start_server
from crm_platform.identity_token import generate_key_pair
from crm_platform.local.kafka_broker import BrokerConfig, KafkaBroker

ROOT = Path(__file__).resolve().parent


def pytest_configure(config: pytest.Config) -> None:
    """The tests stand in for the gateway: they sign identities with a throwaway key pair made
    for the session (unless the environment names one), which every gRPC server they start,
    and every stack process they launch, inherits."""
    if not os.environ.get(SIGNING_KEY_VARIABLE):
        private, public = generate_key_pair()
        os.environ[SIGNING_KEY_VARIABLE] = private
        os.environ["IDENTITY_GATEWAY_PUBLIC_KEY"] = public


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


@pytest.fixture
def migrated_postgres(postgres_cluster):
    """Make a fresh database on the session's cluster, migrated with a service's Alembic
    scripts: `migrated_postgres(MIGRATIONS, "sales")` → its session factory."""
    engines = []

    def make(script_location: Path, prefix: str):
        url = postgres_cluster.create_database(f"{prefix}_{uuid.uuid4().hex[:12]}")
        migrations.upgrade(script_location, url)
        engines.append(make_engine(url, pool_size=2))
        return make_session_factory(engines[-1])

    yield make
    for engine in engines:
        engine.dispose()


@pytest.fixture
def grpc_channel_to():
    """Serve gRPC bindings on a free 127.0.0.1 port for one test: `grpc_channel_to(bindings)`
    → a channel to it. Channels and servers are closed when the test ends."""
    running = []

    def serve(bindings):
        server = start_server("127.0.0.1:0", bindings, workers=2)
        channel = grpc.insecure_channel(f"127.0.0.1:{server.port}")
        running.append((server, channel))
        return channel

    yield serve
    for server, channel in running:
        channel.close()
        server.stop(0)
