"""Form posts to use-case calls, and a service's field violations back beside the fields."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import grpc
from flask import request
from flask_babel import gettext as _

from crm_platform.grpc_server.status_mapping import field_violations

T = TypeVar("T")
FORM_ERROR = "__form__"


class FormErrors(Exception):
    """The service refused the form: messages by field name (FORM_ERROR for the whole)."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("form refused")
        self.errors = errors


def posted(names: Iterable[str]) -> dict[str, str]:
    """The named fields as typed, trimmed."""
    return {name: request.form.get(name, "").strip() for name in names}


def submit(call: Callable[[], T], known: Iterable[str] = ()) -> T:
    """Run `call`; bad input (INVALID_ARGUMENT) becomes FormErrors keyed by field, a
    refused rule (FAILED_PRECONDITION, ALREADY_EXISTS) a form-wide message."""
    try:
        return call()
    except grpc.RpcError as error:
        code = error.code() if isinstance(error, grpc.Call) else None
        if code == grpc.StatusCode.INVALID_ARGUMENT:
            raise FormErrors(violations_by_field(error, set(known))) from error
        if code in (grpc.StatusCode.FAILED_PRECONDITION, grpc.StatusCode.ALREADY_EXISTS):
            raise FormErrors({FORM_ERROR: [error.details() or _("Not allowed now.")]}) from error
        raise


def violations_by_field(error: grpc.RpcError, known: set[str]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for field, message in field_violations(error):
        key = field if not known or field in known else FORM_ERROR
        errors.setdefault(key, []).append(message if key == field else f"{field}: {message}")
    if not errors:
        errors[FORM_ERROR] = [error.details() or _("Check the form.")]  # type: ignore[union-attr]
    return errors


def form_context(values: dict[str, Any], errors: dict[str, list[str]] | None = None) -> dict:
    return {"values": values, "errors": errors or {}}
