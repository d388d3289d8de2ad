"""Users and roles, for admins: the list, a new user, changing roles and details, and
deactivating (locking) or reactivating an account.

The forms are checked by the same models as POST and PATCH /api/v1/users and go to the same
use cases in gateway.service.users, so a rule holds for the page as for the API.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Blueprint, abort, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from pydantic import BaseModel, ValidationError

from crm_platform.errors import AlreadyExists, InvalidArgument, NotFound
from crm_platform.request_context import ROLES
from gateway.domain.account import Account
from gateway.domain.api_token import INTEGRATION
from gateway.domain.roles import ADMIN
from gateway.http.current import current_gateway
from gateway.http.pagination import decode_page_token, next_page_token
from gateway.models.users import UserCreate, UserOut, UserPatch
from gateway.service import sessions, users
from gateway.service.commands import CreateUser, UpdateUser
from gateway.web.forms import FORM_ERROR, FormErrors, form_context, posted
from gateway.web.labels import ROLE_NAMES
from gateway.web.session import page

T = TypeVar("T")
PAGE_SIZE = 50
DETAILS = ("username", "display_name", "email", "password")


def add_user_admin_routes(bp: Blueprint) -> None:
    @bp.get("/users")
    @page(ADMIN)
    def users_list():
        q = request.args.get("q", "").strip()
        token = request.args.get("page_token") or None
        offset = decode_page_token(token) if token else 0
        accounts, total = users.list_users(
            current_gateway().deps, offset=offset, limit=PAGE_SIZE, q=q or None
        )
        listing = {
            "items": [UserOut.of(account) for account in accounts],
            "next_page_token": next_page_token(offset, len(accounts), total),
            "total": total,
        }
        return render_template("users/list.html", listing=listing, q=q, roles=ROLE_NAMES)

    @bp.route("/users/new", methods=["GET", "POST"])
    @page(ADMIN)
    def new_user():
        values: dict[str, Any] = {"roles": []}
        if request.method == "POST":
            values = {**posted(DETAILS), "roles": request.form.getlist("roles")}
            fields = {name: value for name, value in values.items() if value != ""}
            try:
                checked = validated(UserCreate, fields)
                account = use_case(
                    lambda: users.create_user(
                        current_gateway().deps,
                        CreateUser(**{**checked.model_dump(), "roles": frozenset(checked.roles)}),
                    )
                )
            except FormErrors as refused:
                return user_form(values, refused.errors, None), 400
            return redirect(url_for("web.edit_user", user_id=account.id, notice="saved"))
        return user_form(values, {}, None)

    @bp.route("/users/<user_id>", methods=["GET", "POST"])
    @page(ADMIN)
    def edit_user(user_id: str):
        account = get_account(user_id)
        if request.method == "POST":
            values = {**posted(DETAILS), "roles": request.form.getlist("roles")}
            changes = {k: v for k, v in values.items() if k != "password" or v}
            changes["email"] = changes["email"] or None
            try:
                if user_id == g.account.id and ADMIN not in changes["roles"]:
                    refusal = _("You cannot take the admin role from yourself.")
                    raise FormErrors({"roles": [refusal]})
                checked = validated(UserPatch, changes)
                use_case(lambda: update(user_id, checked.model_dump(exclude_unset=True)))
            except FormErrors as refused:
                return user_form(values, refused.errors, UserOut.of(account)), 400
            return redirect(url_for("web.edit_user", user_id=user_id, notice="saved"))
        shown = UserOut.of(account)
        values = {**shown.model_dump(include=set(DETAILS)), "roles": shown.roles}
        return user_form({k: v or "" for k, v in values.items()}, {}, shown)

    @bp.post("/users/<user_id>/active")
    @page(ADMIN)
    def set_user_active(user_id: str):
        """Deactivate (lock) or reactivate an account; reactivating also lifts a lockout."""
        active = request.form.get("active") == "1"
        if user_id == g.account.id and not active:
            abort(422, _("You cannot deactivate your own account."))
        get_account(user_id)
        use_case(lambda: update(user_id, {"locked": not active}))
        notice = "activated" if active else "deactivated"
        return redirect(url_for("web.edit_user", user_id=user_id, notice=notice))

    @bp.post("/users/<user_id>/sessions/revoke")
    @page(ADMIN)
    def revoke_user_sessions(user_id: str):
        """Log the user out everywhere (this page's own session stays)."""
        get_account(user_id)
        sessions.revoke_sessions(current_gateway().deps, user_id, spare_token=g.access_token)
        return redirect(url_for("web.edit_user", user_id=user_id, notice="sessions_revoked"))


def get_account(user_id: str) -> Account:
    try:
        return users.get_user(current_gateway().deps, user_id)
    except NotFound:
        abort(404)


def update(user_id: str, changes: dict[str, Any]):
    # A new password or a lock ends the user's sessions, but never this page's own.
    command = UpdateUser(user_id, changes)
    return users.update_user(current_gateway().deps, command, spare_token=g.access_token)


def validated(model: type[BaseModel], fields: dict[str, Any]) -> Any:
    """The form checked as the API checks its JSON body; errors by field name."""
    try:
        return model.model_validate(fields)
    except ValidationError as error:
        errors: dict[str, list[str]] = {}
        for problem in error.errors():
            name = str(problem["loc"][0]) if problem["loc"] else FORM_ERROR
            errors.setdefault(name, []).append(message_of(problem))
        raise FormErrors(errors) from None


def message_of(problem: Any) -> str:
    """The model's complaint in the page's language, for the kinds a form can make."""
    limits = problem.get("ctx") or {}
    if problem["type"] == "string_too_short":
        return _("Use at least %(count)s characters.", count=limits.get("min_length", ""))
    if problem["type"] == "string_too_long":
        return _("Use at most %(count)s characters.", count=limits.get("max_length", ""))
    if problem["type"] == "string_pattern_mismatch":
        return _("This is not in the expected form.")
    return problem["msg"]


def use_case(call: Callable[[], T]) -> T:
    """A use case's refusals as form errors (a taken username beside the username field)."""
    try:
        return call()
    except InvalidArgument as error:
        errors: dict[str, list[str]] = {}
        for violation in error.violations or []:
            errors.setdefault(violation.field, []).append(violation.message)
        raise FormErrors(errors or {FORM_ERROR: [error.message]}) from None
    except AlreadyExists:
        raise FormErrors({"username": [_("This username is taken.")]}) from None


def user_form(values: dict, errors: dict, user: UserOut | None) -> str:
    return render_template(
        "users/form.html",
        user=user,
        roles=ROLE_NAMES,
        # A machine account's role too, or saving its form would silently drop it.
        all_roles=(*ROLES, INTEGRATION),
        **form_context(values, errors),
    )
