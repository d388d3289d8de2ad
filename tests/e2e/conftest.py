"""One whole stack per end-to-end session, started exactly as `make up` starts it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from e2e import browser as web_browser
from e2e.browser import Web, launch
from e2e.stack import Stack, start_stack, stop_stack

# A low-priority ticket breaches its SLA within seconds, and the service desk's scheduler looks
# every second, so that "a breached SLA reported" can be seen end to end; other priorities
# keep their defaults.
SERVICE_DESK_ENV = {
    "SERVICE_DESK_SLA_LOW_HOURS": "0.0005",  # 1.8 s
    "SERVICE_DESK_SCHEDULE_INTERVAL_SECONDS": "1",
}
# Every e2e client calls from 127.0.0.1, so the public survey endpoint's per-address budget
# (10 a minute, burst 5) is shared by all the session's tests and ran out mid-flow in CI; the
# limiter itself, 429 and Retry-After, is tested in gateway/tests/integration.
# The same holds for logins (every test logs its users in from that one address).
GATEWAY_ENV = {
    "GATEWAY_PUBLIC_SURVEY_PER_MINUTE": "6000",
    "GATEWAY_PUBLIC_SURVEY_BURST": "1000",
    "GATEWAY_LOGIN_PER_MINUTE": "6000",
    "GATEWAY_LOGIN_BURST": "1000",
}


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    running = start_stack(
        tmp_path_factory.mktemp("var"), extra_env={**SERVICE_DESK_ENV, **GATEWAY_ENV}
    )
    try:
        yield running
    finally:
        stop_stack(running)


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium under Playwright, started once for the session's browser tests."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def web(stack: Stack, chromium, request: pytest.FixtureRequest) -> Iterator[Web]:
    """Logged-in pages per user (`web.admin()`, `web.as_role("sales")`) and `web.shot(page,
    name)`, which saves build/e2e-screenshots/<test>/<name>.png."""
    pages = Web(chromium, stack, request.node.name)
    try:
        yield pages
    finally:
        pages.close()


def pytest_terminal_summary(terminalreporter) -> None:
    if web_browser.TAKEN:
        count = len(web_browser.TAKEN)
        terminalreporter.write_line(f"{count} web UI screenshots in {web_browser.SCREENSHOTS}")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The API fuzzer last: it leaves random records in every collection, which the flows'
    own assertions should not have to look past."""
    items.sort(key=lambda item: item.path.name == "test_api_fuzz.py")
