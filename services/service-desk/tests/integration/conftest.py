"""A migrated SQLite file database per test, and the service-desk gRPC server on top of it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import grpc
import pytest
from sqlalchemy.orm import Session, sessionmaker

from crm.service_desk.v1 import service_desk_pb2_grpc
from crm_platform import migrations
from crm_platform.database import make_engine, make_session_factory
from crm_platform.grpc_server.server import start_server
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
