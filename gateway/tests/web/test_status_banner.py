"""Readiness that degrades: with the service desk stopped, /readyz stays 200, every page names
what is down in a banner (English and Chinese), and the pages that do not need it work."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from crm_platform import migrations
from crm_platform.database import make_engine, make_session_factory
from crm_platform.grpc_server.server import start_server
from gateway.app import create_app
from gateway.http.current import EXTENSION
from service_desk import bootstrap as desk_bootstrap
from service_desk.settings import ServiceDeskSettings


@pytest.fixture
def desk_server(services, tmp_path) -> Iterator:
    url = f"sqlite:///{tmp_path / 'service_desk.db'}"
    migrations.upgrade(desk_bootstrap.MIGRATIONS, url)
    engine = make_engine(url)
    settings = ServiceDeskSettings(
        database_url=url, grpc_address="127.0.0.1:0", SALES_GRPC_ADDRESS=services["sales"]
    )
    server = start_server(
        "127.0.0.1:0", desk_bootstrap.grpc_bindings(settings, make_session_factory(engine))
    )
    yield server
    server.stop(grace=0)
    engine.dispose()


@pytest.fixture
def desk_app(app, desk_server):
    """conftest's app (reporting and Kafka down there), with the service desk reachable."""
    settings = app.extensions[EXTENSION].settings.model_copy(
        update={"service_desk_grpc_address": f"127.0.0.1:{desk_server.port}"}
    )
    desk_app = create_app(settings)
    desk_app.config["TESTING"] = True
    yield desk_app
    desk_app.extensions[EXTENSION].close()


def banner(page: str) -> str:
    start = page.find('class="form-errors banner"')
    return page[start : page.find("</p>", start)] if start >= 0 else ""


def test_a_stopped_service_is_named_on_every_page_and_readiness_stays(
    desk_app, desk_server, new_browser, admin_password
):
    browser = new_browser(desk_app)
    browser.log_in("admin", admin_password)
    page = browser.get("/ui/tickets").get_data(as_text=True)
    assert 'data-down="reporting kafka"' in banner(page)  # conftest's two: never started

    desk_server.stop(grace=0)
    desk_app.extensions[EXTENSION].clients.channels.health_max_age = 0  # no waiting it out
    assert desk_app.test_client().get("/readyz").status_code == 200

    deals = browser.get("/ui/deals")
    assert deals.status_code == 200  # sales does not need the service desk
    shown = banner(deals.get_data(as_text=True))
    assert 'data-down="service-desk reporting kafka"' in shown
    assert "Unavailable right now: Service desk, Reports, Event broker." in shown
    tickets = browser.get("/ui/tickets")
    assert tickets.status_code == 503 and "Service desk" in banner(tickets.get_data(as_text=True))

    browser.client.get("/ui/language/zh")
    chinese = banner(browser.get("/ui/deals").get_data(as_text=True))
    assert "暂不可用" in chinese and "客服系统" in chinese


def test_the_login_page_tells_a_visitor_nothing_of_the_inside(browser):
    assert banner(browser.get("/ui/login").get_data(as_text=True)) == ""
