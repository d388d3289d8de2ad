"""The SpecTree instance of one app: validates bodies and queries, and builds the OpenAPI
document from the same pydantic models.

Its own 422 JSON for invalid requests is replaced by raising `RequestInvalid`, so the one
error handler writes every problem. The document is served by our own route rather than
`SpecTree.register`: that would leave out every route under its own path (here /api/v1), and
its HTML viewers load scripts from CDNs.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, get_args

from flask import Blueprint, jsonify
from pydantic import BaseModel, ValidationError
from spectree import SecurityScheme, SpecTree
from spectree.models import SecureType, SecuritySchemeData

from crm_platform.errors import FieldViolation
from gateway.entrypoints.openapi_answers import with_edge_answers
from gateway.errors import PROBLEM_JSON, RequestInvalid
from gateway.models.common import Problem

BEARER = {"bearer": []}
# The refusals every authenticated route of a service can answer with, for the docs.
REFUSALS = {"HTTP_401": Problem, "HTTP_403": Problem, "HTTP_404": Problem, "HTTP_503": Problem}


def make_spectree() -> SpecTree:
    return SpecTree(
        "flask",
        title="CRM API",
        version="v1",
        mode="strict",
        before=_raise_request_invalid,
        validation_error_status=400,
        validation_error_model=Problem,
        # Plain class names read well in the document (spectree's default adds a hash), but
        # then two models of one name would silently overwrite each other: refuse that.
        naming_strategy=_unique_names(),
        nested_naming_strategy=lambda _parent, child: child,
        security_schemes=[
            SecurityScheme(
                name="bearer",
                data=SecuritySchemeData(
                    type=SecureType.HTTP,
                    scheme="bearer",
                    description="A token from POST /api/v1/auth/login",
                ),
            )
        ],
    )


def _unique_names():
    """Names each model by its class name, and refuses a second class of a name already
    taken, at the top of a route's model or nested in one (a nested model's schema is filed
    under its plain name too: deal history's entries were documented as the ticket's)."""
    seen: dict[str, type] = {}

    def claim(model: type) -> None:
        first = seen.setdefault(model.__name__, model)
        if first is not model:
            raise RuntimeError(
                f"two API schemas are named {model.__name__} ({first.__module__} and "
                f"{model.__module__}): rename one, or the OpenAPI document loses one"
            )

    def name_of(model: type) -> str:
        claim(model)
        for nested in _nested_models(model):
            claim(nested)
        return model.__name__

    return name_of


def _nested_models(model: type) -> Iterator[type[BaseModel]]:
    """Every model class a model's fields hold, at any depth (a list of them, an optional one)."""
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return
    done: set[type] = {model}
    pending = [field.annotation for field in model.model_fields.values()]
    while pending:
        annotation = pending.pop()
        pending.extend(get_args(annotation))
        is_model = isinstance(annotation, type) and issubclass(annotation, BaseModel)
        if is_model and annotation not in done:
            done.add(annotation)
            yield annotation
            pending.extend(field.annotation for field in annotation.model_fields.values())


def openapi_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("openapi", __name__)

    @bp.get("/api/v1/openapi.json")
    def document():
        # Built from the app's routes on first use, then kept: routes do not change at runtime.
        spec = _with_server_refusals(_with_problem_media_type(api.spec))
        return jsonify(with_edge_answers(spec))

    return bp


def _with_problem_media_type(spec: dict[str, Any]) -> dict[str, Any]:
    """Spectree writes every body as application/json; problems go out as problem+json."""
    problem_ref = "#/components/schemas/Problem"
    for operations in spec.get("paths", {}).values():
        for operation in operations.values():
            for response in operation.get("responses", {}).values():
                content = response.get("content", {})
                if content.get("application/json", {}).get("schema", {}).get("$ref") == problem_ref:
                    content[PROBLEM_JSON] = content.pop("application/json")
    return spec


# gunicorn refuses a longer request line itself (crm-gateway serve sets its limit), before
# any view runs, so every operation can answer it; a long filter or list of ids reaches it.
MAX_REQUEST_LINE_BYTES = 8190
_URI_TOO_LONG = {
    "description": f"URI Too Long: the request line is over {MAX_REQUEST_LINE_BYTES} bytes "
    "(answered by the HTTP server as text/html, before the API sees the request)"
}


def _with_server_refusals(spec: dict[str, Any]) -> dict[str, Any]:
    for operations in spec.get("paths", {}).values():
        for operation in operations.values():
            operation.setdefault("responses", {}).setdefault("414", _URI_TOO_LONG)
    return spec


def _raise_request_invalid(
    _request: Any, _response: Any, error: Exception | None, _instance: Any, _adapter: Any
) -> None:
    if isinstance(error, ValidationError):
        raise RequestInvalid(
            [
                # `input` is left out on purpose: it may be a password.
                FieldViolation(".".join(str(part) for part in item["loc"]), item["msg"])
                for item in error.errors(include_url=False)
            ]
        )
