"""One decorator for an authenticated, validated and documented REST route, so that a
blueprint's routes say only what differs: method, rule, models, roles and summary."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint
from spectree import Response, SpecTree

from gateway.entrypoints.openapi import BEARER, REFUSALS
from gateway.entrypoints.security import login_required

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def route_maker(
    bp: Blueprint,
    api: SpecTree,
    tag: str,
    *,
    roles: tuple[str, ...] = (),
    refusals: dict[str, Any] = REFUSALS,
) -> Callable[..., Decorator]:
    """`route("GET", "/tickets", query=TicketQuery, HTTP_200=TicketList)`: the view is
    registered on `bp` for callers with one of `roles` (the route's, else the maker's; any
    logged-in one when none), its query or body validated, and its answers documented beside
    `refusals` (a blueprint that never answers some of the usual ones names its own)."""

    default_roles = roles

    def route(
        method: str,
        rule: str,
        *,
        roles: tuple[str, ...] | None = None,
        query: type | None = None,
        json: type | None = None,
        **responses: Any,
    ) -> Decorator:
        validate = api.validate(
            query=query,
            json=json,
            resp=Response(**{**refusals, **responses}),
            tags=[tag],
            security=BEARER,
        )

        guard = login_required(*(default_roles if roles is None else roles))

        def register(view: Callable[..., Any]) -> Callable[..., Any]:
            guarded = guard(validate(view))
            bp.add_url_rule(rule, view.__name__, guarded, methods=[method])
            return view

        return register

    return route
