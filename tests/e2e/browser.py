"""Debian's chromium driven by Playwright for Python, for the web UI tests: one browser per
session, a page per user (each in a context of its own, so cookies never mix) logged in
through the login form, and every page worth reviewing saved as a PNG.

Playwright's own browser builds are never downloaded: the package ships its driver, and
/usr/bin/chromium (make e2e installs it with apt) is launched in its place.
"""

from __future__ import annotations

import re
import shutil
import uuid
from pathlib import Path

import pytest
from e2e.api_client import ApiClient
from playwright.sync_api import Browser, BrowserContext, Page, expect

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu",
        "--disable-dev-shm-usage", "--disable-component-update", "--disable-sync",
        "--no-first-run"]  # fmt: skip
# Under build/ (gitignored, kept after the run), one folder per test, for a person to review.
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "e2e-screenshots"
USER_PASSWORD = "e2e-web-password-1"
DESKTOP = {"width": 1280, "height": 900}
WIDE = {"width": 1366, "height": 900}  # the common laptop width the deal board must fit
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 15_000
TAKEN: list[Path] = []  # this session's screenshots, for the run's closing summary


def launch(playwright) -> Browser:
    if not shutil.which(CHROMIUM):
        pytest.fail("install Debian's chromium (make e2e does)")
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)


class Web:
    """Pages on the stack's web UI for one test; closes what it opened."""

    def __init__(self, browser: Browser, stack, test_name: str) -> None:
        self.browser, self.stack = browser, stack
        self.base_url = stack.base_url
        self.shots = SCREENSHOTS / re.sub(r"[^\w.-]+", "_", test_name)
        self.contexts: list[BrowserContext] = []
        self._admin: ApiClient | None = None

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def anonymous(self, locale: str = "en-US", viewport: dict | None = None) -> Page:
        """A page in a fresh browser profile: no cookies, the given Accept-Language."""
        context = self.browser.new_context(
            base_url=self.base_url, locale=locale, viewport=viewport or DESKTOP
        )
        context.set_default_timeout(TIMEOUT_MS)
        self.contexts.append(context)
        return context.new_page()

    def logged_in(self, username: str, password: str, **page_options) -> Page:
        """A page logged in through the login form, left on the page the login leads to."""
        page = self.anonymous(**page_options)
        page.goto("/ui/login")
        page.fill("#username", username)
        page.fill("#password", password)
        page.click("main form button[type=submit]")
        expect(page).not_to_have_url(re.compile(r"/ui/login"))
        return page

    def admin(self, **page_options) -> Page:
        return self.logged_in("admin", self.stack.admin_password, **page_options)

    def new_user(self, role: str, display_name: str = "") -> str:
        """A user with one role, made through the users API; returns its username."""
        if self._admin is None:
            self._admin = ApiClient(self.base_url).logged_in("admin", self.stack.admin_password)
        username = f"web-{role}-{uuid.uuid4().hex[:8]}"
        body = {"username": username, "password": USER_PASSWORD, "roles": [role]}
        if display_name:
            body["display_name"] = display_name
        response = self._admin.request("POST", "/api/v1/users", json=body)
        assert response.status_code == 201, response.text
        return username

    def as_role(self, role: str, **page_options) -> tuple[Page, str]:
        """A logged-in page of a new user with `role`, and that user's name."""
        username = self.new_user(role)
        return self.logged_in(username, USER_PASSWORD, **page_options), username

    def shot(self, page: Page, name: str) -> Path:
        """The whole page as build/e2e-screenshots/<test>/<name>.png."""
        if not any(path.parent == self.shots for path in TAKEN):
            shutil.rmtree(self.shots, ignore_errors=True)  # no stale shots of an earlier run
        self.shots.mkdir(parents=True, exist_ok=True)
        path = self.shots / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        TAKEN.append(path)
        print(f"screenshot: {path}")
        return path

    def close(self) -> None:
        for context in self.contexts:
            context.close()


def fill(page: Page, fields: dict[str, str]) -> None:
    """Type each value into the field of that name, or choose it in a select."""
    for name, value in fields.items():
        element = page.locator(f'[name="{name}"]')
        if element.evaluate("e => e.tagName") == "SELECT":
            element.select_option(value)
        else:
            element.fill(value)
