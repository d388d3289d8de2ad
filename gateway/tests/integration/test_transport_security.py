"""Issue 24 #12: behind the TLS-ending proxy the web UI's cookies are Secure (the proxy's
X-Forwarded-Proto is believed, and only from a trusted proxy) and HSTS is sent when set."""

from __future__ import annotations

import pytest

from gateway.http.csrf import LOGIN_CSRF_COOKIE

HTTPS_AT_THE_PROXY = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}


def login_cookie(client) -> str:
    response = client.get("/ui/login", headers=HTTPS_AT_THE_PROXY)
    assert response.status_code == 200
    return next(
        h for h in response.headers.getlist("Set-Cookie") if h.startswith(f"{LOGIN_CSRF_COOKIE}=")
    )


def test_https_at_a_trusted_proxy_makes_the_cookies_secure(make_app):
    assert "Secure" in login_cookie(make_app(trusted_proxies=1).test_client())


def test_a_client_claiming_https_without_a_trusted_proxy_is_not_believed(make_app):
    assert "Secure" not in login_cookie(make_app().test_client())


@pytest.mark.parametrize("path", ["/healthz", "/ui/login", "/api/v1/me", "/nope"])
def test_hsts_on_every_answer_when_set(make_app, path):
    client = make_app(hsts_seconds=31536000).test_client()
    header = client.get(path).headers["Strict-Transport-Security"]
    assert header == "max-age=31536000; includeSubDomains"


def test_no_hsts_by_default(client):
    assert "Strict-Transport-Security" not in client.get("/healthz").headers
