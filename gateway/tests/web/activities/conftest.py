"""The activities service's real gRPC server on SQLite, asking conftest's sales, service desk and
marketing about related records, and the gateway pointed at it (ACTIVITIES_GRPC_ADDRESS, read
by gateway.clients until the gateway's settings name it). Modules here set SERVICE_DESK = True."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from activities import bootstrap as activities_bootstrap
from activities.settings import ActivitiesSettings

from crm_platform import migrations
from crm_platform.database import make_engine, make_session_factory
from crm_platform.grpc_server.server import start_server


@pytest.fixture(scope="module")
def activities_server(services, desk, tmp_path_factory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('activities') / 'activities.db'}"
    migrations.upgrade(activities_bootstrap.MIGRATIONS, url)
    engine = make_engine(url)
    settings = ActivitiesSettings(
        database_url=url,
        grpc_address="127.0.0.1:0",
        SALES_GRPC_ADDRESS=services["sales"],
        SERVICE_DESK_GRPC_ADDRESS=desk[0],
        MARKETING_GRPC_ADDRESS=services["marketing"],
    )
    bindings = activities_bootstrap.grpc_bindings(settings, make_session_factory(engine))
    server = start_server("127.0.0.1:0", bindings, workers=2)
    try:
        yield f"127.0.0.1:{server.port}"
    finally:
        server.stop(grace=0)
        engine.dispose()


@pytest.fixture(autouse=True)
def _activities_behind_the_gateway(monkeypatch, activities_server) -> None:
    monkeypatch.setenv("ACTIVITIES_GRPC_ADDRESS", activities_server)
