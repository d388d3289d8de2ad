"""Bearer-token authentication and role checks for views."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import g, request

from crm_platform.errors import PermissionDenied, Unauthenticated
from crm_platform.request_context import Identity, bound
from gateway.entrypoints.idempotency import run_idempotently, wants_idempotency
from gateway.http.csrf import (
    CSRF_HEADER,
    SAFE_METHODS,
    csrf_matches,
    sent_csrf_header,
    session_cookie_token,
)
from gateway.http.current import current_gateway
from gateway.service.auth import authenticate
from gateway.service.security_audit import calling_from


def login_required(*roles: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Refuse anonymous callers (401) and, when `roles` are given, callers with none (403)."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            token = bearer_token()
            from_cookie = token is None and (token := session_cookie_token()) is not None
            account = (
                authenticate(current_gateway().deps, token, request.remote_addr) if token else None
            )
            if account is None:
                raise Unauthenticated("Log in and send the token as 'Authorization: Bearer'.")
            # The web UI's cookie is sent by the browser on its own, so a change needs proof
            # that the request comes from our page: the session's CSRF token in a header.
            unsafe = request.method not in SAFE_METHODS
            if from_cookie and unsafe and not csrf_matches(token, sent_csrf_header()):
                raise PermissionDenied(f"Send the page's CSRF token as '{CSRF_HEADER}'.")
            if roles and not account.roles.intersection(roles):
                raise PermissionDenied(f"This needs one of the roles: {', '.join(roles)}.")
            g.account, g.access_token = account, token
            identity = Identity(account.id, account.roles)
            with bound(identity, g.correlation_id), calling_from(request.remote_addr):
                if wants_idempotency():
                    return run_idempotently(account.id, lambda: view(*args, **kwargs))
                return view(*args, **kwargs)

        return guarded

    return decorate


def bearer_token() -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None
