"""The typed clients against the services' real gRPC servers (in-process, each on a SQLite file
of its own, started once per module), called as a bound caller like a request. Reporting's read
models start empty: its reports' figures are its own tests' business, the calls are ours."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from crm_platform import migrations
from crm_platform.database import make_engine, make_session_factory
from crm_platform.grpc_server.server import start_server
from crm_platform.request_context import Identity, bound
from gateway.clients import ServiceClients
from marketing import bootstrap as marketing_bootstrap
from marketing.settings import MarketingSettings
from reporting import bootstrap as reporting_bootstrap
from reporting.settings import ReportingSettings
from sales import bootstrap as sales_bootstrap
from sales.settings import SalesSettings
from service_desk import bootstrap as desk_bootstrap
from service_desk.settings import ServiceDeskSettings


@pytest.fixture(scope="module")
def servers(tmp_path_factory) -> Iterator[dict[str, str]]:
    started = []

    def start(definition, settings_type, name: str, **settings) -> str:
        url = f"sqlite:///{tmp_path_factory.mktemp(name) / f'{name}.db'}"
        migrations.upgrade(definition.MIGRATIONS, url)
        engine = make_engine(url)
        config = settings_type(database_url=url, grpc_address="127.0.0.1:0", **settings)
        server = start_server(
            "127.0.0.1:0", definition.grpc_bindings(config, make_session_factory(engine)), workers=2
        )
        started.append((server, engine))
        return f"127.0.0.1:{server.port}"

    try:
        marketing = start(marketing_bootstrap, MarketingSettings, "marketing")
        sales = start(sales_bootstrap, SalesSettings, "sales", MARKETING_GRPC_ADDRESS=marketing)
        desk = start(desk_bootstrap, ServiceDeskSettings, "desk", SALES_GRPC_ADDRESS=sales)
        reporting = start(reporting_bootstrap, ReportingSettings, "reporting")
        yield {"marketing": marketing, "sales": sales, "service-desk": desk, "reporting": reporting}
    finally:
        for server, engine in reversed(started):
            server.stop(grace=0)
            engine.dispose()


@pytest.fixture(scope="module")
def clients(servers) -> Iterator[ServiceClients]:
    connected = ServiceClients.connect(servers, deadline_seconds=5)
    yield connected
    connected.close()


@pytest.fixture
def as_user():
    """`with as_user("sales"):` calls as a new user with those roles, as a request would."""

    def caller(*roles: str):
        return bound(Identity(f"user-{uuid.uuid4().hex[:8]}", frozenset(roles)), "test")

    return caller


@pytest.fixture
def admin(as_user) -> Iterator[None]:
    with as_user("admin"):
        yield
