"""The five REST routes every sales record kind has alike, for leads, customers and contacts:
list and create at /{kind}s, get, change and delete at /{kind}s/<{kind}_id>. Each is an
explicit rule in the OpenAPI document; a kind's own routes (a lead's conversion, a customer's
contacts) stay in its blueprint."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from flask import request, url_for
from pydantic import BaseModel

from gateway.entrypoints.concurrency import etag, versioned_update
from gateway.models.common import Problem, StaleProblem

if TYPE_CHECKING:
    from gateway.clients.records import Records


@dataclass(frozen=True)
class RecordApi:
    kind: str  # "lead": the path /leads/<lead_id>, the endpoints list_leads, get_lead...
    records: Callable[[], Records[Any, Any]]  # the client's calls of the kind, for this app
    out: type[BaseModel]
    page: type[BaseModel]
    query: type[BaseModel]
    create: type[BaseModel]
    patch: type[BaseModel]
    # The words a route's summary goes on with after the one every kind shares ("One lead"),
    # by route: list, create, get, update, delete.
    notes: dict[str, str] = field(default_factory=dict)
    # The statuses a route refuses with beyond the usual ones (409 for a converted lead...).
    refusals: dict[str, tuple[int, ...]] = field(default_factory=dict)


def add_record_routes(route: Callable[..., Any], spec: RecordApi) -> None:
    """Register the five routes with `route` (gateway.entrypoints.documented_route)."""
    kind, plural, key = spec.kind, f"{spec.kind}s", f"{spec.kind}_id"

    def list_records(query):
        return spec.records().list(query)

    def create_record(json):
        record = spec.records().create(json.model_dump())
        location = url_for(f"{request.blueprint}.get_{kind}", **{key: record.id})
        return record, 201, {"Location": location}

    def get_record(**path):
        record = spec.records().get(path[key])
        return record, 200, etag(record)

    def update_record(json, **path):
        return versioned_update(lambda changes: spec.records().update(path[key], changes), json)

    def delete_record(**path):
        spec.records().delete(path[key])
        return "", 204

    one = f"/{plural}/<{key}>"
    for name, view, method, rule, documented, summary in (
        ("list", list_records, "GET", f"/{plural}", {"query": spec.query, "HTTP_200": spec.page},
         f"{plural.capitalize()} you may see, newest first unless `sort` says otherwise"),
        ("create", create_record, "POST", f"/{plural}",
         {"json": spec.create, "HTTP_201": spec.out, "HTTP_400": Problem}, f"Create a {kind}"),
        ("get", get_record, "GET", one, {"HTTP_200": spec.out}, f"One {kind} (ETag: version)"),
        ("update", update_record, "PATCH", one,
         {"json": spec.patch, "HTTP_200": spec.out, "HTTP_400": Problem, "HTTP_412": StaleProblem},
         "Change only the fields sent; with the version read (If-Match or `version`), "
         "refused (412, with the record now) when it changed since"),
        ("delete", delete_record, "DELETE", one, {"HTTP_204": None}, f"Delete a {kind}"),
    ):  # fmt: skip
        view.__name__ = f"{name}_{plural if name == 'list' else kind}"
        view.__doc__ = f"{summary}{spec.notes.get(name, '')}."
        # spectree passes the validated query or body to the parameter annotated with its model.
        view.__annotations__ = {k: v for k, v in documented.items() if k in ("query", "json")}
        refusals = {f"HTTP_{code}": Problem for code in spec.refusals.get(name, ())}
        route(method, rule, **documented, **refusals)(view)
