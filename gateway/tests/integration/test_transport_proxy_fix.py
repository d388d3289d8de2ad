"""Issue 24 #12: one ProxyFix believes the trusted proxies' X-Forwarded-For and -Proto, the
same number of hops for both. With two layers (one per header) the X-Forwarded-For one also
took the nearest hop's X-Forwarded-Proto (ProxyFix's default), so behind two proxies the
scheme was the wrong hop's, and it recorded the other layer's answer as the connection's own."""

from __future__ import annotations

from flask import jsonify, request

ORIGINAL = "werkzeug.proxy_fix.orig"
# The client, then each of the two proxies we run appending what it saw.
FORWARDED = {"X-Forwarded-For": "198.51.100.9, 203.0.113.7", "X-Forwarded-Proto": "http, https"}


def seen(make_app, **settings) -> dict:
    """What a view sees of the caller, through the app's whole WSGI stack."""
    app = make_app(**settings)
    app.add_url_rule(
        "/test-seen",
        "test_seen",
        lambda: jsonify(
            address=request.remote_addr,
            scheme=request.scheme,
            original=request.environ.get(ORIGINAL, {}).get("wsgi.url_scheme"),
        ),
    )
    return app.test_client().get("/test-seen", headers=FORWARDED).get_json()


def test_the_trusted_hops_say_the_address_and_the_scheme_and_the_connection_is_kept(make_app):
    assert seen(make_app, trusted_proxies=2) == {
        "address": "198.51.100.9",
        "scheme": "http",
        "original": "http",
    }
    assert seen(make_app, trusted_proxies=1) == {
        "address": "203.0.113.7",
        "scheme": "https",
        "original": "http",  # the proxy spoke plain HTTP to us; it told us the client's HTTPS
    }


def test_without_a_trusted_proxy_nothing_forwarded_is_believed(make_app):
    assert seen(make_app) == {"address": "127.0.0.1", "scheme": "http", "original": None}
