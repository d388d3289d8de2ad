"""A migrated database per test (an SQLite file, or a PostgreSQL database on the session's
cluster), the service-desk gRPC server on the SQLite one, a Kafka producer, and a real sales
gRPC server holding customers and contacts for the service desk to check its ids against."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest
from kafka import KafkaProducer
from sqlalchemy.orm import Session, sessionmaker

from crm.sales.v1 import sales_pb2, sales_pb2_grpc
from crm.service_desk.v1 import service_desk_pb2_grpc
from crm_platform import migrations
from crm_platform.database import make_engine, make_session_factory
from crm_platform.grpc_metadata import as_caller
from crm_platform.grpc_server.server import RunningServer, start_server
from crm_platform.kafka_clients import make_producer
from crm_platform.unit_of_work import UnitOfWork
from sales import bootstrap as sales_bootstrap
from sales.settings import SalesSettings
from service_desk import bootstrap
from service_desk.adapters.sales_client import SalesCustomers
from service_desk.settings import ServiceDeskSettings

ADMIN = as_caller("admin-1", "admin")


@dataclass(frozen=True)
class SalesServer:
    """A running sales server and what it holds: a customer with a contact, and another
    customer with a contact of its own."""

    address: str
    server: RunningServer
    customer_id: str
    contact_id: str
    other_customer_id: str
    other_contact_id: str


@contextmanager
def serve_sales(directory: Path) -> Iterator[SalesServer]:
    url = f"sqlite:///{directory / 'sales.db'}"
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
            sales = sales_pb2_grpc.SalesServiceStub(channel)
            customer, contact = _customer_with_contact(sales, "Hangzhou Pumps")
            other, other_contact = _customer_with_contact(sales, "Ningbo Valves")
        yield SalesServer(address, server, customer, contact, other, other_contact)
    finally:
        server.stop(grace=0)
        engine.dispose()


def _customer_with_contact(sales: sales_pb2_grpc.SalesServiceStub, name: str) -> tuple[str, str]:
    customer = sales.CreateCustomer(
        sales_pb2.CreateCustomerRequest(customer=sales_pb2.CustomerInput(name=name)),
        metadata=ADMIN,
        timeout=10,
    )
    contact = sales.CreateContact(
        sales_pb2.CreateContactRequest(
            contact=sales_pb2.ContactInput(customer_id=customer.id, full_name=f"Buyer at {name}")
        ),
        metadata=ADMIN,
        timeout=10,
    )
    return customer.id, contact.id


@pytest.fixture(scope="session")
def sales_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SalesServer]:
    """One sales server for the session; the tests only read what it holds."""
    with serve_sales(tmp_path_factory.mktemp("sales")) as running:
        yield running


@pytest.fixture
def stopped_sales(tmp_path: Path) -> SalesServer:
    """A sales server that held a customer and has stopped: nothing answers at its address."""
    with serve_sales(tmp_path) as running:
        pass
    return running


@pytest.fixture
def customers(sales_server: SalesServer) -> Iterator[SalesCustomers]:
    with grpc.insecure_channel(sales_server.address) as channel:
        yield SalesCustomers(sales_pb2_grpc.SalesServiceStub(channel), timeout=5)


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
    database_url: str,
    session_factory: sessionmaker[Session],
    sales_server: SalesServer,
    grpc_channel_to,
) -> service_desk_pb2_grpc.ServiceDeskServiceStub:
    settings = ServiceDeskSettings(
        database_url=database_url,
        grpc_address="127.0.0.1:0",
        SALES_GRPC_ADDRESS=sales_server.address,
    )
    return service_desk_pb2_grpc.ServiceDeskServiceStub(
        grpc_channel_to(bootstrap.grpc_bindings(settings, session_factory))
    )


@pytest.fixture
def pg_session_factory(migrated_postgres) -> sessionmaker[Session]:
    return migrated_postgres(bootstrap.MIGRATIONS, "service_desk")


@pytest.fixture
def pg_uow(pg_session_factory: sessionmaker[Session]) -> Callable[[], UnitOfWork]:
    return lambda: UnitOfWork(pg_session_factory, bootstrap.SERVICE_NAME)


@pytest.fixture
def producer(kafka_broker) -> Iterator[KafkaProducer]:
    made = make_producer(kafka_broker.bootstrap_servers, "service-desk-test")
    yield made
    made.close(timeout=5)
