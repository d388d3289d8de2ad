"""A migrated database per test (SQLite, or PostgreSQL on the session's cluster), a real sales
gRPC server holding a lead of one rep for the related-record checks, the activities gRPC server
on the SQLite database, and a Kafka producer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest
from activities import bootstrap
from activities.adapters.record_client import ServiceRecords
from activities.adapters.unit_of_work import ActivitiesUnitOfWork
from activities.settings import ActivitiesSettings
from kafka import KafkaProducer
from sqlalchemy.orm import Session, sessionmaker

from crm.activities.v1 import activities_pb2_grpc
from crm.sales.v1 import sales_pb2, sales_pb2_grpc
from crm_platform import migrations
from crm_platform.database import make_engine, make_session_factory
from crm_platform.grpc_metadata import as_caller
from crm_platform.grpc_server.server import start_server
from crm_platform.kafka_clients import make_producer
from sales import bootstrap as sales_bootstrap
from sales.settings import SalesSettings

# Nothing listens here: a check of a ticket or campaign in these tests would be Unavailable.
NOBODY = "127.0.0.1:9"


@dataclass(frozen=True)
class SalesServer:
    address: str
    lead_id: str  # rep-1's lead: rep-2 may not see it


@pytest.fixture(scope="session")
def sales_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SalesServer]:
    url = f"sqlite:///{tmp_path_factory.mktemp('sales') / 'sales.db'}"
    migrations.upgrade(sales_bootstrap.MIGRATIONS, url)
    engine = make_engine(url)
    settings = SalesSettings(database_url=url, grpc_address="127.0.0.1:0")
    server = start_server(
        "127.0.0.1:0",
        sales_bootstrap.grpc_bindings(settings, make_session_factory(engine)),
        workers=2,
    )
    address = f"127.0.0.1:{server.port}"
    try:
        with grpc.insecure_channel(address) as channel:
            lead = sales_pb2_grpc.SalesServiceStub(channel).CreateLead(
                sales_pb2.CreateLeadRequest(
                    lead=sales_pb2.LeadInput(full_name="Wang Fang", company="Hangzhou Pumps")
                ),
                metadata=as_caller("rep-1", "sales"),
                timeout=10,
            )
        yield SalesServer(address, lead.id)
    finally:
        server.stop(grace=0)
        engine.dispose()


@pytest.fixture
def records(sales_server: SalesServer) -> Iterator[ServiceRecords]:
    with (
        grpc.insecure_channel(sales_server.address) as sales,
        grpc.insecure_channel(NOBODY) as nobody,
    ):
        yield ServiceRecords(sales=sales, service_desk=nobody, marketing=nobody, timeout=5)


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'activities.db'}"
    migrations.upgrade(bootstrap.MIGRATIONS, url)
    return url


@pytest.fixture
def session_factory(database_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(database_url)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def new_uow(session_factory: sessionmaker[Session]) -> Callable[[], ActivitiesUnitOfWork]:
    return lambda: ActivitiesUnitOfWork(session_factory, bootstrap.SERVICE_NAME)


@pytest.fixture
def stub(
    database_url: str, session_factory, sales_server: SalesServer, grpc_channel_to
) -> activities_pb2_grpc.ActivitiesServiceStub:
    settings = ActivitiesSettings(
        database_url=database_url,
        grpc_address="127.0.0.1:0",
        SALES_GRPC_ADDRESS=sales_server.address,
        SERVICE_DESK_GRPC_ADDRESS=NOBODY,
        MARKETING_GRPC_ADDRESS=NOBODY,
    )
    return activities_pb2_grpc.ActivitiesServiceStub(
        grpc_channel_to(bootstrap.grpc_bindings(settings, session_factory))
    )


@pytest.fixture
def pg_session_factory(migrated_postgres) -> sessionmaker[Session]:
    return migrated_postgres(bootstrap.MIGRATIONS, "activities")


@pytest.fixture
def pg_uow(pg_session_factory) -> Callable[[], ActivitiesUnitOfWork]:
    return lambda: ActivitiesUnitOfWork(pg_session_factory, bootstrap.SERVICE_NAME)


@pytest.fixture
def producer(kafka_broker) -> Iterator[KafkaProducer]:
    made = make_producer(kafka_broker.bootstrap_servers, "activities-test")
    yield made
    made.close(timeout=5)
