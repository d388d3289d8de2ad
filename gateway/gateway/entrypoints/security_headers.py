"""Security headers on every response of the gateway, web UI and API alike.

The web UI's pages load scripts, styles and images only from the gateway itself (Chart.js is
vendored under static/), and no template runs inline script: the funnel's figures travel in a
`<script type="application/json">` block, which the browser never executes. So the policy is
'self' only, with no 'unsafe-inline' and no nonce to manage. `frame-ancestors 'none'` (and
X-Frame-Options for older browsers) stops another site from framing a page to trick a click.

Transport: where TLS ends at a proxy we run (GATEWAY_TRUSTED_PROXIES hops), create_app's
ProxyFix believes its X-Forwarded-Proto, so that `request.is_secure` (and with it the cookies'
Secure flag) holds behind it; with no trusted proxy the header is ignored, since any client
could send it. GATEWAY_HSTS_SECONDS adds Strict-Transport-Security, so a browser
that once reached us over HTTPS never falls back to plain HTTP.
"""

from __future__ import annotations

from flask import Flask, Response

from gateway.http.current import EXTENSION

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # Links to other sites learn our origin at most, never a path holding an id.
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def install_security_headers(app: Flask) -> None:
    """After the gateway is bootstrapped (its settings are read from the app)."""
    settings = app.extensions[EXTENSION].settings
    app.after_request(_add_headers)
    if settings.hsts_seconds:
        hsts = f"max-age={settings.hsts_seconds}; includeSubDomains"
        app.after_request(lambda response: _add_hsts(response, hsts))


_ALL = tuple(HEADERS.items())


def _add_headers(response: Response) -> Response:
    headers = response.headers
    # One extend of the five when a view set none of them (every response but a few pages):
    # five setdefault calls each scanned the whole header list.
    if any(name in headers for name in HEADERS):
        for name, value in _ALL:
            headers.setdefault(name, value)
    else:
        headers.extend(_ALL)
    return response


def _add_hsts(response: Response, value: str) -> Response:
    response.headers.setdefault("Strict-Transport-Security", value)
    return response
