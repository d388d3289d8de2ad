"""Every response carries the security headers, and the web UI's templates keep to what the
policy allows (no inline script, no inline style or event handler), so the policy can stay
'self' only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import gateway.web

TEMPLATES = Path(gateway.web.__file__).parent / "templates"


@pytest.mark.parametrize(
    "path",
    ["/healthz", "/api/v1/me", "/api/v1/openapi.json", "/ui/login", "/ui/static/app.css", "/nope"],
)
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_the_templates_run_no_inline_script_or_style():
    offending = []
    for template in sorted(TEMPLATES.rglob("*.html")):
        text = template.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            # a script from our static files, or a data block the browser does not execute
            if "src=" not in tag and 'type="application/json"' not in tag:
                offending.append(f"{template.name}: {tag}")
        for match in re.findall(r"<style\b|\sstyle=|\son[a-z]+=|javascript:", text):
            offending.append(f"{template.name}: {match.strip()}")
    assert not offending, "the CSP would block these:\n" + "\n".join(offending)
