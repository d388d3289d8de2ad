"""Sales on a real PostgreSQL database, checking campaigns with a real marketing gRPC server."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import grpc
import pytest
from sqlalchemy.orm import Session, sessionmaker

from crm.marketing.v1 import marketing_pb2, marketing_pb2_grpc
from crm.sales.v1 import sales_pb2_grpc
from crm_platform import migrations
from crm_platform.database import make_engine, make_session_factory
from crm_platform.grpc_metadata import as_caller
from crm_platform.grpc_server.server import start_server
from crm_platform.unit_of_work import UnitOfWork
from marketing import bootstrap as marketing_bootstrap
from marketing.settings import MarketingSettings
from sales import bootstrap
from sales.adapters.marketing_client import MarketingCampaigns
from sales.settings import SalesSettings


@pytest.fixture(scope="module")
def marketing_address(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Marketing's real servicer on its own migrated SQLite database."""
    url = f"sqlite:///{tmp_path_factory.mktemp('marketing') / 'marketing.db'}"
    migrations.upgrade(marketing_bootstrap.MIGRATIONS, url)
    engine = make_engine(url)
    settings = MarketingSettings(database_url=url, grpc_address="127.0.0.1:0")
    bindings = marketing_bootstrap.grpc_bindings(settings, make_session_factory(engine))
    server = start_server("127.0.0.1:0", bindings, workers=2)
    try:
        yield f"127.0.0.1:{server.port}"
    finally:
        server.stop(grace=0)
        engine.dispose()


@pytest.fixture(scope="module")
def campaign_id(marketing_address: str) -> str:
    with grpc.insecure_channel(marketing_address) as channel:
        campaign = marketing_pb2_grpc.MarketingServiceStub(channel).CreateCampaign(
            marketing_pb2.CreateCampaignRequest(name="Canton Fair", type="trade_show"),
            metadata=as_caller("mkt-1", "marketing"),
            timeout=5,
        )
    return campaign.id


@pytest.fixture
def database_url(postgres_cluster) -> str:
    url = postgres_cluster.create_database(f"sales_{uuid.uuid4().hex[:10]}")
    migrations.upgrade(bootstrap.MIGRATIONS, url)
    return url


@pytest.fixture
def session_factory(database_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(database_url, pool_size=4)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def new_uow(session_factory: sessionmaker[Session]) -> Callable[[], UnitOfWork]:
    return lambda: UnitOfWork(session_factory, bootstrap.SERVICE_NAME)


@pytest.fixture
def campaigns(marketing_address: str) -> Iterator[MarketingCampaigns]:
    with grpc.insecure_channel(marketing_address) as channel:
        yield MarketingCampaigns(marketing_pb2_grpc.MarketingServiceStub(channel), timeout=5)


def serve_sales(
    database_url: str, session_factory: sessionmaker[Session], marketing_address: str
) -> Iterator[sales_pb2_grpc.SalesServiceStub]:
    settings = SalesSettings(
        database_url=database_url,
        grpc_address="127.0.0.1:0",
        MARKETING_GRPC_ADDRESS=marketing_address,
        marketing_deadline_seconds=1.0,
    )
    server = start_server(
        "127.0.0.1:0", bootstrap.grpc_bindings(settings, session_factory), workers=2
    )
    channel = grpc.insecure_channel(f"127.0.0.1:{server.port}")
    try:
        yield sales_pb2_grpc.SalesServiceStub(channel)
    finally:
        channel.close()
        server.stop(grace=0)


@pytest.fixture
def stub(database_url, session_factory, marketing_address):
    yield from serve_sales(database_url, session_factory, marketing_address)


@pytest.fixture
def stub_without_marketing(database_url, session_factory, tmp_path: Path):
    """Sales pointed at a port where nothing listens: marketing is down."""
    yield from serve_sales(database_url, session_factory, "127.0.0.1:9")
