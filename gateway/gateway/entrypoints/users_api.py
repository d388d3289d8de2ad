"""Administering users: /api/v1/users (admin only)."""

from __future__ import annotations

from flask import Blueprint, g, url_for
from spectree import SpecTree

from gateway.domain.roles import ADMIN
from gateway.entrypoints.documented_route import route_maker
from gateway.http.current import current_gateway
from gateway.http.pagination import decode_page_token, next_page_token
from gateway.models.api_tokens import (
    ApiTokenCreate,
    ApiTokenIssued,
    ApiTokenList,
    ApiTokenOut,
)
from gateway.models.common import ListQuery, Problem
from gateway.models.users import (
    RevokeSessions,
    SessionsRevoked,
    UserCreate,
    UserList,
    UserOut,
    UserPatch,
)
from gateway.service import api_tokens, sessions, users
from gateway.service.api_tokens import IssueApiToken
from gateway.service.commands import CreateUser, UpdateUser

# Only these: the users API answers from the gateway's own database, never a service's 503.
_REFUSALS = {"HTTP_401": Problem, "HTTP_403": Problem}


def users_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("users", __name__, url_prefix="/api/v1")
    route = route_maker(bp, api, "users", roles=(ADMIN,), refusals=_REFUSALS)

    @route("GET", "/users", query=ListQuery, HTTP_200=UserList)
    def list_users(query: ListQuery):
        """Users ordered by username; `q` searches username, display name and email."""
        offset = decode_page_token(query.page_token)
        accounts, total = users.list_users(
            current_gateway().deps, offset=offset, limit=query.page_size, q=query.q
        )
        return UserList(
            items=[UserOut.of(account) for account in accounts],
            next_page_token=next_page_token(offset, len(accounts), total),
            total=total,
            page_size=query.page_size,
            q=query.q,
        )

    @route("POST", "/users", json=UserCreate, HTTP_201=UserOut, HTTP_409=Problem)
    def create_user(json: UserCreate):
        """Create a user; `password` is write-only."""
        fields = json.model_dump()
        fields["roles"] = frozenset(fields["roles"])
        fields["allowed_ips"] = tuple(fields["allowed_ips"])
        account = users.create_user(current_gateway().deps, CreateUser(**fields))
        location = url_for("users.get_user", user_id=account.id)
        return UserOut.of(account), 201, {"Location": location}

    @route("GET", "/users/<user_id>", HTTP_200=UserOut, HTTP_404=Problem)
    def get_user(user_id: str):
        """One user."""
        return UserOut.of(users.get_user(current_gateway().deps, user_id))

    @route("PATCH", "/users/<user_id>", json=UserPatch, HTTP_200=UserOut, HTTP_404=Problem,
           HTTP_409=Problem)  # fmt: skip
    def update_user(user_id: str, json: UserPatch):
        """Change only the fields sent; unlocking also lifts a lockout after failed logins. A
        new password ends the user's sessions and API tokens (`keep_api_tokens` keeps the
        latter); locking ends both."""
        changes = json.model_dump(exclude_unset=True)
        keep = changes.pop("keep_api_tokens", False)
        command = UpdateUser(user_id, changes)
        account = users.update_user(
            current_gateway().deps, command, keep_api_tokens=keep, spare_token=g.access_token
        )
        return UserOut.of(account)

    @route("POST", "/users/<user_id>:revoke-sessions", json=RevokeSessions,
           HTTP_200=SessionsRevoked, HTTP_404=Problem)  # fmt: skip
    def revoke_sessions(user_id: str, json: RevokeSessions):
        """Log the user out everywhere: every session ends (and every API token, with
        `api_tokens`), but the one making this request. A password reset and a lock do this
        on their own."""
        revoked = sessions.revoke_sessions(
            current_gateway().deps, user_id, api_tokens=json.api_tokens, spare_token=g.access_token
        )
        return SessionsRevoked(sessions=revoked.sessions, api_tokens=revoked.api_tokens)

    # API tokens of integration accounts: issued, listed and revoked by admins only.
    token_route = route_maker(bp, api, "api tokens", roles=(ADMIN,), refusals=_REFUSALS)
    tokens = "/users/<user_id>/api-tokens"

    @token_route("GET", tokens, HTTP_200=ApiTokenList, HTTP_404=Problem)
    def list_api_tokens(user_id: str):
        """The user's API tokens, newest first, revoked and expired ones included."""
        found = api_tokens.list_api_tokens(current_gateway().deps, user_id)
        return ApiTokenList(items=[ApiTokenOut.of(token) for token in found])

    @token_route("POST", tokens, json=ApiTokenCreate, HTTP_201=ApiTokenIssued, HTTP_404=Problem,
                 HTTP_422=Problem)  # fmt: skip
    def issue_api_token(user_id: str, json: ApiTokenCreate):
        """Issue a long-lived bearer token to an account with the `integration` role (422 for
        any other); the token is in this answer only."""
        command = IssueApiToken(user_id, json.name, g.account.id, json.expires_at)
        token, secret = api_tokens.issue_api_token(current_gateway().deps, command)
        issued = ApiTokenIssued(**ApiTokenOut.of(token).model_dump(), token=secret)
        return issued, 201, {"Location": url_for("users.list_api_tokens", user_id=user_id)}

    @token_route("DELETE", f"{tokens}/<token_id>", HTTP_204=None, HTTP_404=Problem)
    def revoke_api_token(user_id: str, token_id: str):
        """Revoke an API token: from now on it authenticates nobody."""
        api_tokens.revoke_api_token(current_gateway().deps, user_id, token_id)
        return "", 204

    return bp
