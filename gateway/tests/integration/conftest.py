"""An app on a real, migrated SQLite file per test, driven through Flask's test client."""

from __future__ import annotations

import socket

import pytest

from crm_platform.database import make_engine
from gateway.adapters.schema import upgrade_to_head
from gateway.app import create_app
from gateway.http.current import EXTENSION
from gateway.settings import GatewaySettings

ADMIN_PASSWORD = "admin-secret-1"
LOCKOUT_THRESHOLD = 3


def closed_port() -> int:
    """A local port nobody listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def database_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'gateway.db'}"
    engine = make_engine(url)
    upgrade_to_head(engine)
    engine.dispose()
    return url


@pytest.fixture
def make_app(database_url):
    apps = []
    nowhere = f"127.0.0.1:{closed_port()}"

    def build(**overrides):
        values = dict(
            database_url=database_url,
            admin_password=ADMIN_PASSWORD,
            lockout_threshold=LOCKOUT_THRESHOLD,
            lockout_seconds=600,
            log_format="text",
            kafka_bootstrap_servers=nowhere,
            marketing_grpc_address=nowhere,
            sales_grpc_address=nowhere,
            service_desk_grpc_address=nowhere,
            reporting_grpc_address=nowhere,
            readiness_timeout_seconds=0.5,
            grpc_deadline_seconds=2,
        )
        app = create_app(GatewaySettings(**(values | overrides)))
        app.config["TESTING"] = True
        apps.append(app)
        return app

    yield build
    for app in apps:
        app.extensions[EXTENSION].close()


@pytest.fixture
def client(make_app):
    return make_app().test_client()


class Api:
    """The few steps most tests share, over one test client."""

    admin_password = ADMIN_PASSWORD
    lockout_threshold = LOCKOUT_THRESHOLD

    def __init__(self, client) -> None:
        self.client = client

    def log_in(self, username, password, address="127.0.0.1"):
        return self.client.post(
            "/api/v1/auth/login",
            json={"username": username, "password": password},
            environ_base={"REMOTE_ADDR": address},
        )

    def token(self, username, password) -> str:
        response = self.log_in(username, password)
        assert response.status_code == 200, response.get_json()
        return response.get_json()["access_token"]

    @staticmethod
    def bearer(token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def api(client) -> Api:
    return Api(client)


@pytest.fixture
def admin_headers(api) -> dict[str, str]:
    return api.bearer(api.token("admin", ADMIN_PASSWORD))


@pytest.fixture
def create_user(client, admin_headers):
    def create(username, password="password-123", **fields):
        response = client.post(
            "/api/v1/users",
            json={"username": username, "password": password, **fields},
            headers=admin_headers,
        )
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return create
