"""A migrated database per test (an SQLite file, or a PostgreSQL database on the session's
cluster), the service-desk gRPC server on the SQLite one, and a Kafka producer."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import grpc
import pytest
from kafka import KafkaProducer
from sqlalchemy.orm import Session, sessionmaker

from crm.service_desk.v1 import service_desk_pb2_grpc
from crm_platform import migrations
from crm_platform.database import make_engine, make_session_factory
from crm_platform.grpc_server.server import start_server
from crm_platform.kafka_clients import make_producer
from crm_platform.unit_of_work import UnitOfWork
from service_desk import bootstrap
from service_desk.settings import ServiceDeskSettings


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'service-desk.db'}"
    migrations.upgrade(bootstrap.MIGRATIONS, url)
    return url


@pytest.fixture
def session_factory(database_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(database_url)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def new_uow(session_factory: sessionmaker[Session]) -> Callable[[], UnitOfWork]:
    return lambda: UnitOfWork(session_factory, bootstrap.SERVICE_NAME)


@pytest.fixture
def stub(
    database_url: str, session_factory: sessionmaker[Session]
) -> Iterator[service_desk_pb2_grpc.ServiceDeskServiceStub]:
    settings = ServiceDeskSettings(database_url=database_url, grpc_address="127.0.0.1:0")
    server = start_server(
        "127.0.0.1:0", bootstrap.grpc_bindings(settings, session_factory), workers=2
    )
    channel = grpc.insecure_channel(f"127.0.0.1:{server.port}")
    try:
        yield service_desk_pb2_grpc.ServiceDeskServiceStub(channel)
    finally:
        channel.close()
        server.stop(grace=0)


@pytest.fixture
def pg_session_factory(postgres_cluster) -> Iterator[sessionmaker[Session]]:
    url = postgres_cluster.create_database(f"service_desk_{uuid.uuid4().hex[:12]}")
    migrations.upgrade(bootstrap.MIGRATIONS, url)
    engine = make_engine(url, pool_size=2)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def pg_uow(pg_session_factory: sessionmaker[Session]) -> Callable[[], UnitOfWork]:
    return lambda: UnitOfWork(pg_session_factory, bootstrap.SERVICE_NAME)


@pytest.fixture
def producer(kafka_broker) -> Iterator[KafkaProducer]:
    made = make_producer(kafka_broker.bootstrap_servers, "service-desk-test")
    yield made
    made.close(timeout=5)
