"""Logging in and out, and who am I: /api/v1/auth/*, /api/v1/me."""

from __future__ import annotations

from flask import Blueprint, g, request
from spectree import Response, SpecTree

from gateway.domain.api_token import INTEGRATION
from gateway.entrypoints.openapi import BEARER
from gateway.entrypoints.security import login_required
from gateway.http.current import current_gateway
from gateway.models.api_tokens import ServiceTokenOut
from gateway.models.auth import LoginIn, TokenOut
from gateway.models.common import Problem
from gateway.models.users import UserOut
from gateway.service import api_tokens, auth
from gateway.service.commands import LogIn


def auth_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("auth", __name__, url_prefix="/api/v1")

    @bp.post("/auth/login")
    @api.validate(
        json=LoginIn,
        resp=Response(HTTP_200=TokenOut, HTTP_401=Problem, HTTP_429=Problem),
        tags=["auth"],
    )
    def login(json: LoginIn):
        """Log in with username and password; returns a bearer token. Too many attempts from
        one address are refused with 429 and Retry-After."""
        session = auth.log_in(
            current_gateway().deps,
            LogIn(json.username, json.password, client_address=request.remote_addr),
        )
        return TokenOut(
            access_token=session.access_token,
            expires_in=session.expires_in,
            user=UserOut.of(session.account),
        )

    @bp.post("/auth/logout")
    @login_required()
    @api.validate(resp=Response("HTTP_204", HTTP_401=Problem), tags=["auth"], security=BEARER)
    def logout():
        """Revoke the token this request carries."""
        auth.log_out(current_gateway().deps, g.access_token)
        return "", 204

    @bp.post("/auth/service-token")
    @login_required(INTEGRATION)
    @api.validate(
        resp=Response(HTTP_200=ServiceTokenOut, HTTP_401=Problem, HTTP_403=Problem),
        tags=["auth"],
        security=BEARER,
    )
    def service_token():
        """For an integration account (its API token as Bearer): a signed identity, valid for
        a minute, to send as `authorization: Bearer …` metadata on gRPC calls to the services,
        which then apply the same rules as to the account's REST calls."""
        token, lifetime = api_tokens.service_token(current_gateway().signer, g.account)
        return ServiceTokenOut(access_token=token, expires_in=lifetime)

    @bp.get("/me")
    @login_required()
    @api.validate(resp=Response(HTTP_200=UserOut, HTTP_401=Problem), tags=["auth"], security=BEARER)
    def me():
        """The logged-in user."""
        return UserOut.of(g.account)

    return bp
