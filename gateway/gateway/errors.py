"""The one place where every error becomes an RFC 9457 problem (application/problem+json)."""

from __future__ import annotations

import logging
from http import HTTPStatus

from flask import Flask, Response, json
from werkzeug.exceptions import HTTPException

from crm_platform.errors import (
    AlreadyExists,
    DomainError,
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    Unauthenticated,
    Unavailable,
)
from gateway.domain.service_errors import ServiceFailed, TooManyRequests

PROBLEM_JSON = "application/problem+json"

log = logging.getLogger(__name__)

_DOMAIN_STATUS: dict[type[DomainError], int] = {
    NotFound: 404,
    InvalidArgument: 400,
    FailedPrecondition: 422,
    AlreadyExists: 409,
    PermissionDenied: 403,
    Unauthenticated: 401,
    Unavailable: 503,
    TooManyRequests: 429,
    ServiceFailed: 502,
}


class RequestInvalid(Exception):
    """The request body or query did not match its model."""

    def __init__(self, violations: list[FieldViolation]) -> None:
        super().__init__("request validation failed")
        self.violations = violations


class MalformedJson(Exception):
    """The body claims to be JSON but does not parse (or nests too deep to parse safely)."""

    def __init__(self, reason: str = "it does not parse") -> None:
        super().__init__(reason)
        self.reason = reason


def problem(
    status: int,
    detail: str = "",
    violations: list[FieldViolation] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "errors": [{"field": v.field, "message": v.message} for v in violations or []],
    }
    return Response(json.dumps(body), status, headers=headers, mimetype=PROBLEM_JSON)


def status_of(error: DomainError) -> int:
    """The HTTP status that says what `error` says (500 for a kind nobody mapped)."""
    return next((code for kind, code in _DOMAIN_STATUS.items() if isinstance(error, kind)), 500)


def domain_problem(error: DomainError) -> Response:
    status = status_of(error)
    violations = error.violations if isinstance(error, InvalidArgument) else None
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return problem(status, error.message, violations, headers)


def http_problem(error: HTTPException) -> Response:
    # Keep headers such as Allow (405) but not the HTML content type.
    headers = {
        key: value
        for key, value in error.get_headers()
        if key.lower() not in ("content-type", "content-length")
    }
    return problem(error.code or 500, error.description or "", headers=headers)


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(HTTPException, http_problem)
    app.register_error_handler(DomainError, domain_problem)
    app.register_error_handler(
        RequestInvalid, lambda error: problem(400, "The request is not valid.", error.violations)
    )
    app.register_error_handler(
        MalformedJson,
        lambda error: problem(
            400, "The request body is not valid JSON.", [FieldViolation("body", error.reason)]
        ),
    )
    app.register_error_handler(Exception, _unexpected)


def _unexpected(error: Exception) -> Response:
    log.exception("unhandled error", exc_info=error)
    return problem(500, "An unexpected error occurred.")
