"""CSRF tokens for the web UI: bound to the session, and a double-submit cookie before login.

Why not Flask-WTF: its tokens are signed with the app's SECRET_KEY, and the gateway has none
(no default secrets) while gunicorn runs several workers without preloading, so a key made at
start-up would differ per worker. The session cookie already holds an unguessable token that
the server keeps hashed, so the CSRF token is an HMAC of it: it needs no further secret, a page
of another site cannot read or compute it, and it dies with the session at logout.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import Response, request

SESSION_COOKIE = "crm_session"
LOGIN_CSRF_COOKIE = "crm_login_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def session_cookie_token() -> str | None:
    return request.cookies.get(SESSION_COOKIE) or None


def csrf_token_for(session_token: str) -> str:
    return hmac.new(session_token.encode(), b"crm-csrf-v1", hashlib.sha256).hexdigest()


def sent_csrf_header() -> str:
    return request.headers.get(CSRF_HEADER, "")


def sent_csrf_token() -> str:
    """A page's form sends the token as a field; its script, as a header."""
    return sent_csrf_header() or request.form.get(CSRF_FIELD, "")


def csrf_matches(session_token: str, sent: str) -> bool:
    return bool(sent) and hmac.compare_digest(csrf_token_for(session_token), sent)


def login_csrf_token() -> str:
    """The pre-session token of the login form: the cookie's, or a new one to set."""
    return request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)


def login_csrf_ok() -> bool:
    cookie, sent = request.cookies.get(LOGIN_CSRF_COOKIE, ""), request.form.get(CSRF_FIELD, "")
    return bool(cookie) and hmac.compare_digest(cookie, sent)


def set_cookie(response: Response, name: str, value: str, max_age: int, secure: bool) -> None:
    response.set_cookie(
        name, value, max_age=max_age, httponly=True, samesite="Lax", secure=secure, path="/"
    )
