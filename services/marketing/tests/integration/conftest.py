"""A migrated database per test (an SQLite file, or a PostgreSQL database on the session's
cluster), and the marketing gRPC server on top of the SQLite one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from crm.marketing.v1 import marketing_pb2_grpc
from crm_platform import migrations
from crm_platform.database import make_engine, make_session_factory
from marketing import bootstrap
from marketing.adapters.unit_of_work import MarketingUnitOfWork
from marketing.settings import MarketingSettings


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'marketing.db'}"
    migrations.upgrade(bootstrap.MIGRATIONS, url)
    return url


@pytest.fixture
def session_factory(database_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(database_url)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def new_uow(session_factory: sessionmaker[Session]) -> Callable[[], MarketingUnitOfWork]:
    return lambda: MarketingUnitOfWork(session_factory, bootstrap.SERVICE_NAME)


@pytest.fixture
def stub(
    database_url: str, session_factory: sessionmaker[Session], grpc_channel_to
) -> marketing_pb2_grpc.MarketingServiceStub:
    settings = MarketingSettings(database_url=database_url, grpc_address="127.0.0.1:0")
    return marketing_pb2_grpc.MarketingServiceStub(
        grpc_channel_to(bootstrap.grpc_bindings(settings, session_factory))
    )


@pytest.fixture
def pg_session_factory(migrated_postgres) -> sessionmaker[Session]:
    return migrated_postgres(bootstrap.MIGRATIONS, "marketing")


@pytest.fixture
def pg_uow(pg_session_factory: sessionmaker[Session]) -> Callable[[], MarketingUnitOfWork]:
    return lambda: MarketingUnitOfWork(pg_session_factory, bootstrap.SERVICE_NAME)
