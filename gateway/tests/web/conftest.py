"""The web UI on a real app: a migrated gateway database, and marketing's and sales' real gRPC
servers on SQLite files of their own (started once per module), driven by Flask's test client."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Iterator

import pytest
from sqlalchemy import Engine, select

from crm.events.v1 import envelope_pb2
from crm_platform import migrations
from crm_platform.database import make_engine, make_session_factory
from crm_platform.grpc_server.server import start_server
from crm_platform.outbox.tables import outbox
from gateway.adapters.schema import upgrade_to_head
from gateway.app import create_app
from gateway.http.csrf import CSRF_HEADER
from gateway.http.current import EXTENSION
from gateway.settings import GatewaySettings
from marketing import bootstrap as marketing_bootstrap
from marketing.settings import MarketingSettings
from reporting import bootstrap as reporting_bootstrap
from reporting.entrypoints.event_handlers import apply_events
from reporting.settings import ReportingSettings
from sales import bootstrap as sales_bootstrap
from sales.settings import SalesSettings
from service_desk import bootstrap as service_desk_bootstrap
from service_desk.settings import ServiceDeskSettings

ADMIN_PASSWORD = "admin-secret-1"
PASSWORD = "password-123"


def serve(definition, settings_type, tmp_path_factory, name, **settings):
    url = f"sqlite:///{tmp_path_factory.mktemp(name) / f'{name}.db'}"
    migrations.upgrade(definition.MIGRATIONS, url)
    engine = make_engine(url)
    config = settings_type(database_url=url, grpc_address="127.0.0.1:0", **settings)
    bindings = definition.grpc_bindings(config, make_session_factory(engine))
    server = start_server("127.0.0.1:0", bindings, workers=2)
    return server, engine


class Services(dict):
    """Addresses by service name, and the services' databases in `engines`."""

    engines: dict[str, Engine]


@pytest.fixture(scope="module")
def services(tmp_path_factory) -> Iterator[Services]:
    marketing, marketing_engine = serve(
        marketing_bootstrap, MarketingSettings, tmp_path_factory, "marketing"
    )
    marketing_address = f"127.0.0.1:{marketing.port}"
    sales, sales_engine = serve(
        sales_bootstrap,
        SalesSettings,
        tmp_path_factory,
        "sales",
        MARKETING_GRPC_ADDRESS=marketing_address,
    )
    running = Services(marketing=marketing_address, sales=f"127.0.0.1:{sales.port}")
    running.engines = {"marketing": marketing_engine, "sales": sales_engine}
    try:
        yield running
    finally:
        for server, engine in ((sales, sales_engine), (marketing, marketing_engine)):
            server.stop(grace=0)
            engine.dispose()


@pytest.fixture(scope="module")
def desk(services, tmp_path_factory) -> Iterator[tuple[str, Engine]]:
    """The service desk's real gRPC server (asking conftest's sales), and its database."""
    url = f"sqlite:///{tmp_path_factory.mktemp('service_desk') / 'service_desk.db'}"
    migrations.upgrade(service_desk_bootstrap.MIGRATIONS, url)
    engine = make_engine(url)
    settings = ServiceDeskSettings(
        database_url=url, grpc_address="127.0.0.1:0", SALES_GRPC_ADDRESS=services["sales"]
    )
    bindings = service_desk_bootstrap.grpc_bindings(settings, make_session_factory(engine))
    server = start_server("127.0.0.1:0", bindings, workers=2)
    try:
        yield f"127.0.0.1:{server.port}", engine
    finally:
        server.stop(grace=0)
        engine.dispose()


@pytest.fixture(scope="module")
def timeline(services, desk, timeline_from):
    """Reporting's timeline, fed from the sales and service-desk outboxes on `catch_up()`."""
    return timeline_from(services.engines["sales"], desk[1])


def behind_the_gateway(request, services) -> dict[str, str]:
    """The services' addresses as the gateway's settings: the service desk and reporting's
    timeline only for a module that sets SERVICE_DESK = True (they start per module)."""
    addresses = {
        "marketing_grpc_address": services["marketing"],
        "sales_grpc_address": services["sales"],
        "service_desk_grpc_address": "127.0.0.1:9",
        "reporting_grpc_address": "127.0.0.1:9",
    }
    if getattr(request.module, "SERVICE_DESK", False):
        addresses["service_desk_grpc_address"] = request.getfixturevalue("desk")[0]
        addresses["reporting_grpc_address"] = request.getfixturevalue("timeline").address
    return addresses


@pytest.fixture
def app(request, tmp_path, services):
    url = f"sqlite:///{tmp_path / 'gateway.db'}"
    engine = make_engine(url)
    upgrade_to_head(engine)
    engine.dispose()
    app = create_app(
        GatewaySettings(
            database_url=url,
            admin_password=ADMIN_PASSWORD,
            lockout_threshold=3,
            log_format="text",
            kafka_bootstrap_servers="127.0.0.1:9",
            grpc_deadline_seconds=5,
            **behind_the_gateway(request, services),
        )
    )
    app.config["TESTING"] = True
    yield app
    app.extensions[EXTENSION].close()


CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]*)"')


class Browser:
    """A test client that logs in through the form and sends the page's CSRF token back."""

    def __init__(self, client) -> None:
        self.client = client
        self.csrf = ""

    def get(self, path: str, **kwargs):
        response = self.client.get(path, **kwargs)
        found = CSRF_META.search(response.get_data(as_text=True))
        if found and found.group(1):
            self.csrf = found.group(1)
        return response

    def post(self, path: str, data: dict | None = None, csrf: bool = True, **kwargs):
        data = dict(data or {})
        if csrf:
            data.setdefault("csrf_token", self.csrf)
        return self.client.post(path, data=data, **kwargs)

    def api(self, method: str, path: str, **json) -> dict:
        """The REST API with the session cookie and CSRF header, as the pages' script calls
        it; a 200 or 201 answer's body."""
        response = self.client.open(
            path, method=method, json=json or None, headers={CSRF_HEADER: self.csrf}
        )
        assert response.status_code in (200, 201), (path, response.get_json())
        return response.get_json()

    def log_in(self, username: str, password: str, address: str = "127.0.0.1"):
        page = self.client.get("/ui/login")
        token = CSRF_INPUT.search(page.get_data(as_text=True)).group(1)
        response = self.client.post(
            "/ui/login",
            data={"username": username, "password": password, "csrf_token": token},
            environ_base={"REMOTE_ADDR": address},
        )
        if response.status_code == 302:
            self.get("/ui/", follow_redirects=True)
        return response


@pytest.fixture
def browser(app) -> Browser:
    return Browser(app.test_client())


@pytest.fixture
def admin(browser) -> Browser:
    assert browser.log_in("admin", ADMIN_PASSWORD).status_code == 302
    return browser


@pytest.fixture
def make_user(app):
    """A user with `roles`, made through the REST API as the admin."""
    client = app.test_client()
    token = client.post(
        "/api/v1/auth/login", json={"username": "admin", "password": ADMIN_PASSWORD}
    ).get_json()["access_token"]

    def make(*roles: str, **fields) -> str:
        username = f"u-{uuid.uuid4().hex[:8]}"
        response = client.post(
            "/api/v1/users",
            json={"username": username, "password": PASSWORD, "roles": list(roles), **fields},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert response.status_code == 201, response.get_json()
        return username

    return make


@pytest.fixture
def new_browser():
    """A Browser over another app (one made with other settings)."""
    return lambda other_app: Browser(other_app.test_client())


@pytest.fixture
def admin_password() -> str:
    return ADMIN_PASSWORD


@pytest.fixture
def user_password() -> str:
    return PASSWORD


class TimelineFeed:
    """Reporting's timeline: a real reporting gRPC server on SQLite, whose read model is fed
    the events the services wrote to their outboxes, through reporting's own batch handler.
    The relay and the broker are left out here (the e2e event-flow test covers them), so a
    test says when the consumer has caught up instead of waiting for it."""

    def __init__(self, url: str, producers: Iterable[Engine]) -> None:
        migrations.upgrade(reporting_bootstrap.MIGRATIONS, url)
        self._engine = make_engine(url)
        self._sessions = make_session_factory(self._engine)
        self._producers = list(producers)
        self._applied: dict[Engine, int] = dict.fromkeys(self._producers, 0)
        settings = ReportingSettings(database_url=url, grpc_address="127.0.0.1:0")
        bindings = reporting_bootstrap.grpc_bindings(settings, self._sessions)
        self._server = start_server("127.0.0.1:0", bindings, workers=2)
        self.address = f"127.0.0.1:{self._server.port}"

    def catch_up(self) -> None:
        """Fold every event the services wrote since the last call, in each outbox's order."""
        envelopes = []
        for producer in self._producers:
            with producer.connect() as connection:
                rows = connection.execute(
                    select(outbox.c.id, outbox.c.payload)
                    .where(outbox.c.id > self._applied[producer])
                    .order_by(outbox.c.id)
                ).all()
            for row in rows:
                envelopes.append(envelope_pb2.Envelope.FromString(row.payload))
                self._applied[producer] = row.id
        with self._sessions() as session:
            apply_events(session, envelopes)
            session.commit()

    def close(self) -> None:
        self._server.stop(grace=0)
        self._engine.dispose()


@pytest.fixture(scope="module")
def timeline_from(tmp_path_factory):
    """`timeline_from(engine, ...)`: a TimelineFeed over those services' outboxes."""
    feeds = []

    def make(*producers: Engine) -> TimelineFeed:
        url = f"sqlite:///{tmp_path_factory.mktemp('reporting') / 'reporting.db'}"
        feeds.append(TimelineFeed(url, producers))
        return feeds[-1]

    yield make
    for feed in feeds:
        feed.close()
