"""What a request carries is checked before any view runs, so that malformed input is a 4xx
problem here rather than a 500 from a parser, a model or a database deeper down:

- a body is JSON, or a multipart upload where the route takes a form (or the web UI's forms);
- it is within the size limit, also when streamed (chunked) with no Content-Length;
- JSON parses and nests no deeper than any of our models (a deep one would exhaust the
  parser's recursion, also for the anonymous login);
- no text (query, path, form field, JSON string or key) holds a NUL or a lone surrogate,
  which no database column stores and no gRPC message encodes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import Flask, current_app, request
from spectree import SpecTree
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge, UnsupportedMediaType

from crm_platform.errors import FieldViolation, InvalidArgument
from gateway.errors import MalformedJson

_WITH_BODY = frozenset({"POST", "PUT", "PATCH"})
_FORM = "application/x-www-form-urlencoded"
_UPLOAD = "multipart/form-data"
# Our deepest model nests a list of objects in an object in a list; 32 leaves room to grow.
MAX_JSON_DEPTH = 32


def install_body_checks(app: Flask, api: SpecTree) -> None:
    """`api` tells which routes take a form (a multipart upload)."""

    def check_request() -> None:
        _check_request(api)

    app.before_request(check_request)


def _check_request(api: SpecTree) -> None:
    _check_texts(request.args.items(multi=True))
    _check_texts((request.view_args or {}).items())
    if request.method not in _WITH_BODY or not _has_body():
        return
    if request.mimetype == _UPLOAD:
        # The parts are read by the view (an upload may be larger than other bodies: its
        # blueprint raises the limit), where a route takes a form; elsewhere they would
        # reach the view as "no body at all".
        if request.blueprint == "web" or _takes_form(api):
            return
        raise UnsupportedMediaType("This route takes its body as application/json.")
    if request.blueprint == "web" and request.mimetype == _FORM:
        _check_texts(request.form.items(multi=True))  # the web UI's HTML forms
        return
    _read_whole_body()
    if not request.is_json:
        raise UnsupportedMediaType("Send the body as application/json.")
    try:
        body = request.get_json()
    except BadRequest:
        raise MalformedJson() from None
    except RecursionError:
        raise MalformedJson(f"it nests deeper than {MAX_JSON_DEPTH} levels") from None
    _check_json(body)


def _has_body() -> bool:
    return bool(request.content_length) or "chunked" in request.headers.get("Transfer-Encoding", "")


def _takes_form(api: SpecTree) -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    metadata = api.get_function_metadata(view) if view is not None else None
    return metadata is not None and metadata.form is not None


def _read_whole_body() -> None:
    """Reads the body into the request's cache. Past MAX_CONTENT_LENGTH a declared length is
    refused with 413 by werkzeug; a streamed body is instead cut quietly at the limit, so one
    that fills it is taken to go on past it."""
    data = request.get_data(cache=True)
    limit = request.max_content_length
    if request.content_length is None and limit is not None and len(data) >= limit:
        raise RequestEntityTooLarge()


def _check_texts(items: Iterable[tuple[str, Any]]) -> None:
    violations = [
        FieldViolation(name, problem)
        for name, value in items
        if isinstance(value, str) and (problem := _text_problem(value))
    ]
    if violations:
        raise InvalidArgument("the request holds text no record can store", violations)


def _check_json(body: Any) -> None:
    """Walks the parsed body without recursion: its depth, and every string and key in it."""
    pending: list[tuple[str, Any, int]] = [("", body, 1)]
    violations: list[FieldViolation] = []
    while pending:
        path, value, depth = pending.pop()
        if depth > MAX_JSON_DEPTH:
            raise MalformedJson(f"it nests deeper than {MAX_JSON_DEPTH} levels")
        if isinstance(value, str) and (problem := _text_problem(value)):
            violations.append(FieldViolation(path or "body", problem))
        elif isinstance(value, dict):
            violations += [
                FieldViolation(_join(path, key), problem)
                for key in value
                if (problem := _text_problem(key))
            ]
            pending.extend((_join(path, key), item, depth + 1) for key, item in value.items())
        elif isinstance(value, list):
            pending.extend((_join(path, i), item, depth + 1) for i, item in enumerate(value))
    if violations:
        raise InvalidArgument("the body holds text no record can store", violations)


def _join(path: str, key: object) -> str:
    """A field's name as pydantic's errors spell it: `campaign_ids.1`, `deal.amount`."""
    return f"{path}.{key}" if path else str(key)


def _text_problem(text: str) -> str | None:
    if "\x00" in text:
        return "must not contain a NUL character"
    if not text.isascii():
        try:
            text.encode()
        except UnicodeEncodeError:
            return "must be valid Unicode (it holds a lone surrogate)"
    return None
