"""Administering users: /api/v1/users (admin only)."""

from __future__ import annotations

from flask import Blueprint, url_for
from spectree import Response, SpecTree

from gateway.domain.roles import ADMIN
from gateway.entrypoints.current import current_gateway
from gateway.entrypoints.openapi import BEARER
from gateway.entrypoints.pagination import decode_page_token, next_page_token
from gateway.entrypoints.schemas.common import ListQuery, Problem
from gateway.entrypoints.schemas.users import UserCreate, UserList, UserOut, UserPatch
from gateway.entrypoints.security import login_required
from gateway.service import users
from gateway.service.commands import CreateUser, UpdateUser

_REFUSALS = {"HTTP_401": Problem, "HTTP_403": Problem}


def users_blueprint(api: SpecTree) -> Blueprint:
    bp = Blueprint("users", __name__, url_prefix="/api/v1")
    admin_only = login_required(ADMIN)
    documented = {"tags": ["users"], "security": BEARER}

    @bp.get("/users")
    @admin_only
    @api.validate(query=ListQuery, resp=Response(HTTP_200=UserList, **_REFUSALS), **documented)
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

    @bp.post("/users")
    @admin_only
    @api.validate(
        json=UserCreate,
        resp=Response(HTTP_201=UserOut, HTTP_409=Problem, **_REFUSALS),
        **documented,
    )
    def create_user(json: UserCreate):
        """Create a user; `password` is write-only."""
        fields = json.model_dump()
        fields["roles"] = frozenset(fields["roles"])
        fields["allowed_ips"] = tuple(fields["allowed_ips"])
        account = users.create_user(current_gateway().deps, CreateUser(**fields))
        location = url_for("users.get_user", user_id=account.id)
        return UserOut.of(account), 201, {"Location": location}

    @bp.get("/users/<user_id>")
    @admin_only
    @api.validate(resp=Response(HTTP_200=UserOut, HTTP_404=Problem, **_REFUSALS), **documented)
    def get_user(user_id: str):
        """One user."""
        return UserOut.of(users.get_user(current_gateway().deps, user_id))

    @bp.patch("/users/<user_id>")
    @admin_only
    @api.validate(
        json=UserPatch,
        resp=Response(HTTP_200=UserOut, HTTP_404=Problem, HTTP_409=Problem, **_REFUSALS),
        **documented,
    )
    def update_user(user_id: str, json: UserPatch):
        """Change only the fields sent; unlocking also lifts a lockout after failed logins."""
        changes = json.model_dump(exclude_unset=True)
        account = users.update_user(current_gateway().deps, UpdateUser(user_id, changes))
        return UserOut.of(account)

    return bp
