"""Rate limits per client address on the endpoints that take no account or guess one: the
public survey answer (the token in the link is the credential) and the logins.

Flask-Limiter does the counting (a maintained library, rather than our own bucket): a moving
window of `burst` requests per `burst / rate` seconds, which keeps the long-run rate and caps
a burst like a token bucket. Past it: 429 problem+json with Retry-After in seconds. Counts are
kept in each process's memory, so with N gunicorn workers a client gets up to N times the
rate: enough to slow token guessing and form spam, not a quota.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from flask import Flask, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class PublicSurveyLimits(BaseSettings):
    """`GATEWAY_PUBLIC_SURVEY_PER_MINUTE` and `GATEWAY_PUBLIC_SURVEY_BURST`, per address."""

    model_config = SettingsConfigDict(env_prefix="GATEWAY_PUBLIC_SURVEY_", frozen=True)

    per_minute: float = Field(10, gt=0)
    burst: int = Field(5, ge=1)


class LoginLimits(BaseSettings):
    """`GATEWAY_LOGIN_PER_MINUTE` and `GATEWAY_LOGIN_BURST`, per address: beside the lockout of
    one account after failed passwords, this slows one address trying many accounts."""

    model_config = SettingsConfigDict(env_prefix="GATEWAY_LOGIN_", frozen=True)

    per_minute: float = Field(30, gt=0)
    burst: int = Field(10, ge=1)


def window(per_minute: float, burst: int) -> str:
    seconds = max(1, round(burst * 60 / per_minute))
    return f"{burst} per {seconds} second"


def install_rate_limits(app: Flask) -> Limiter:
    """After the blueprints are registered: wrap the limited views in place."""
    limiter = Limiter(
        get_remote_address,  # ProxyFix (GATEWAY_TRUSTED_PROXIES) decides what that is
        app=app,
        storage_uri="memory://",
        strategy="moving-window",
        headers_enabled=True,
        retry_after="delta-seconds",
    )
    # Flask-Limiter also runs a check before every request of the app, for app-wide default
    # limits: we set none, and each limited view below checks itself (the decorator does), so
    # that hook only cost every other request (a read of a deal) the resolving of no limits.
    app.before_request_funcs[None].remove(limiter._check_request_limit)
    survey = PublicSurveyLimits()
    login = LoginLimits()
    limited = {
        "public_surveys.answer_survey": window(survey.per_minute, survey.burst),
        "auth.login": window(login.per_minute, login.burst),
        "web.login": window(login.per_minute, login.burst),  # the form's POST; GET is free
    }
    for endpoint, limit in limited.items():
        view = app.view_functions.get(endpoint)
        if view is not None:
            app.view_functions[endpoint] = limiter.limit(
                limit, methods=["POST"], error_message="Too many requests from this address."
            )(view)
    _hooks_for_limited_views_only(app, limiter, frozenset(limited))
    return limiter


def _hooks_for_limited_views_only(app: Flask, limiter: Limiter, endpoints: Collection[str]):
    """Its after-request hook (rate-limit headers, conditional deductions) and its teardown
    (clearing what a limited view recorded) have nothing to do on any other request, yet cost
    every one 5 us: they run for the limited endpoints only."""

    def only_limited(hook: Callable[[Any], Any]) -> Callable[[Any], Any]:
        # An after-request hook passes the response on; a teardown's result is ignored.
        return lambda value: hook(value) if request.endpoint in endpoints else value

    for hooks in (app.after_request_funcs[None], app.teardown_request_funcs[None]):
        hooks[:] = [only_limited(h) if _belongs_to(h, limiter) else h for h in hooks]


def _belongs_to(hook: Any, limiter: Limiter) -> bool:
    # A bound method of the limiter, or functools.partial(Limiter.method, limiter).
    return getattr(hook, "__self__", None) is limiter or limiter in getattr(hook, "args", ())
