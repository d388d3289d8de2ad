"""Who is using the web UI: the session cookie, checked by the gateway's token machinery."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, g, redirect, request, url_for
from flask_babel import lazy_gettext as _l

from crm_platform.request_context import Identity, bound
from gateway.http.csrf import SAFE_METHODS, csrf_matches, sent_csrf_token, session_cookie_token
from gateway.http.current import current_gateway
from gateway.service.auth import authenticate
from gateway.service.security_audit import calling_from
from gateway.service.system_status import system_status

# Each menu entry and the roles that see it (the services still decide what each one sees).
MENU = (
    ("web.tasks", "tasks", frozenset({"admin", "manager", "marketing", "sales", "service"})),
    ("web.campaigns", "campaigns", frozenset({"admin", "manager", "marketing"})),
    ("web.leads", "leads", frozenset({"admin", "manager", "marketing", "sales"})),
    ("web.deals", "deals", frozenset({"admin", "manager", "sales"})),
    ("web.board", "board", frozenset({"admin", "manager", "sales"})),
    ("web.follow_ups", "follow_ups", frozenset({"admin", "manager", "service", "sales"})),
    ("web.tickets", "tickets", frozenset({"admin", "manager", "service"})),
    ("web.customers", "customers", frozenset({"admin", "manager", "sales", "service"})),
    ("web.contacts", "contacts", frozenset({"admin", "manager", "sales", "service"})),
    ("web.users_list", "users", frozenset({"admin"})),
    ("web.reports", "reports", frozenset({"admin", "manager", "sales"})),
)

# The parts behind the gateway, as the banner names one that is down.
PART_NAMES = {
    "database": _l("the gateway database"),
    "marketing": _l("Marketing"),
    "sales": _l("Sales"),
    "service-desk": _l("Service desk"),
    "reporting": _l("Reports"),
    "kafka": _l("Event broker"),
}


def menu_for(roles: frozenset[str]) -> list[tuple[str, str]]:
    return [(endpoint, key) for endpoint, key, allowed in MENU if roles & allowed]


def page(*roles: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A page for logged-in users (with one of `roles`, when given); unsafe methods need the
    session's CSRF token. Anonymous visitors are sent to the login page."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            token = session_cookie_token()
            account = (
                authenticate(current_gateway().deps, token, request.remote_addr) if token else None
            )
            if account is None:
                return redirect(url_for("web.login", next=request.full_path.rstrip("?")))
            if request.method not in SAFE_METHODS and not csrf_matches(token, sent_csrf_token()):
                abort(400, "csrf")
            if roles and not account.roles.intersection(roles):
                abort(403)
            g.account, g.access_token = account, token
            identity = Identity(account.id, account.roles)
            with bound(identity, g.correlation_id), calling_from(request.remote_addr):
                return view(*args, **kwargs)

        return guarded

    return decorate


def banner_context() -> dict[str, Any]:
    """`down`: (code, name) of each part behind the gateway that is down, for the banner on
    every page of a logged-in user (a visitor is told nothing of the inside). The state is a
    few seconds' cached answer, so a page pays no health round trip."""
    if g.get("account") is None:
        return {"down": []}
    down = system_status(current_gateway()).down
    return {"down": [(part, str(PART_NAMES.get(part, part))) for part in down]}
