"""Answers the OpenAPI document adds to operations beyond those their routes declare: what
the edge answers for any route before a view runs (a body too large or not JSON, an
Idempotency-Key in use), and the files a route answers instead of JSON, which
spectree cannot describe (it knows JSON bodies only)."""

from __future__ import annotations

from typing import Any

from gateway.adapters.reporting_downloads import MEDIA_TYPES

PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}

# gateway.entrypoints.request_body, for every method that takes a body.
_BODY_REFUSALS = {
    "413": "Content Too Large: the body is over the gateway's limit",
    "415": "Unsupported Media Type: the body is not JSON (or not the multipart form the "
    "route takes)",
}
# gateway.entrypoints.idempotency, for every POST.
_KEY_IN_USE = "Conflict: a request with this Idempotency-Key is still running"
_WITH_BODY = ("post", "put", "patch")
# Routes that answer a file only: spectree documents their 200 without content.
_FILE_ANSWERS = {("/api/v1/campaigns:export", "get"): ("xlsx",)}
_FILE_SCHEMAS = {"csv": {"type": "string"}, "xlsx": {"type": "string", "format": "binary"}}


def with_edge_answers(spec: dict[str, Any]) -> dict[str, Any]:
    for path, method, operation in _operations(spec):
        responses = operation.setdefault("responses", {})
        if method in _WITH_BODY:
            for status, description in _BODY_REFUSALS.items():
                responses.setdefault(status, {"description": description, "content": PROBLEM})
        if method == "post":
            responses.setdefault("409", {"description": _KEY_IN_USE, "content": PROBLEM})
        _add_files(responses.get("200"), _formats(path, method, operation))
    return spec


def _operations(spec: dict[str, Any]):
    for path, operations in spec.get("paths", {}).items():
        for method, operation in operations.items():
            yield path, method, operation


def _formats(path: str, method: str, operation: dict[str, Any]) -> tuple[str, ...]:
    """The files an operation answers: a `format` query parameter names them beside json
    (the reports), or the operation is one of _FILE_ANSWERS."""
    for parameter in operation.get("parameters", []):
        if parameter.get("in") == "query" and parameter.get("name") == "format":
            return tuple(f for f in parameter["schema"].get("enum", ()) if f in MEDIA_TYPES)
    return _FILE_ANSWERS.get((path, method), ())


def _add_files(answer: dict[str, Any] | None, formats: tuple[str, ...]) -> None:
    if answer is None:
        return
    content = answer.setdefault("content", {})
    for name in formats:
        content.setdefault(MEDIA_TYPES[name], {"schema": _FILE_SCHEMAS[name]})
