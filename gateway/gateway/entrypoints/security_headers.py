"""Security headers on every response of the gateway, web UI and API alike.

The web UI's pages load scripts, styles and images only from the gateway itself (Chart.js is
vendored under static/), and no template runs inline script: the funnel's figures travel in a
`<script type="application/json">` block, which the browser never executes. So the policy is
'self' only, with no 'unsafe-inline' and no nonce to manage. `frame-ancestors 'none'` (and
X-Frame-Options for older browsers) stops another site from framing a page to trick a click.
"""

from __future__ import annotations

from flask import Flask, Response

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
    app.after_request(_add_headers)


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
