"""Bodies are JSON (or multipart file uploads), within the size limit, and parse; checked
before any view runs."""

from __future__ import annotations

from flask import Flask, request
from werkzeug.exceptions import BadRequest, UnsupportedMediaType

from gateway.errors import MalformedJson

_WITH_BODY = frozenset({"POST", "PUT", "PATCH"})


def install_body_checks(app: Flask) -> None:
    app.before_request(_check_body)


def _check_body() -> None:
    has_body = bool(request.content_length) or "chunked" in request.headers.get(
        "Transfer-Encoding", ""
    )
    if request.method not in _WITH_BODY or not has_body:
        return
    # Reading the body raises 413 past MAX_CONTENT_LENGTH, whatever the content type.
    if request.mimetype == "multipart/form-data":
        return  # file uploads: the view reads the parts; the size limit still applies
    if request.blueprint == "web" and request.mimetype == "application/x-www-form-urlencoded":
        return  # the web UI's HTML forms: its views read request.form
    request.get_data(cache=True)
    if not request.is_json:
        raise UnsupportedMediaType("Send the body as application/json.")
    try:
        request.get_json()
    except BadRequest:
        raise MalformedJson() from None
