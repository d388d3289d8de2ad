"""Administering user accounts."""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

from crm_platform.errors import AlreadyExists, InvalidArgument, NotFound
from gateway.adapters.outbox_relay import USER_CHANGED
from gateway.adapters.unit_of_work import GatewayUnitOfWork
from gateway.clients.notifications import user_changed_event
from gateway.domain.account import Account, normalize_username
from gateway.domain.network import normalize_allowed_ips
from gateway.domain.roles import validate_roles
from gateway.service.commands import CreateUser, UpdateUser
from gateway.service.dependencies import Dependencies
from gateway.service.security_audit import (
    CREATED,
    PASSWORD_RESET,
    USER,
    account_values,
    record,
    record_account_change,
)
from gateway.service.sessions import end_sessions

MIN_PASSWORD_LENGTH = 8


def create_user(deps: Dependencies, command: CreateUser) -> Account:
    now = deps.clock()
    account = Account(
        id=str(uuid.uuid4()),
        username=normalize_username(command.username),
        display_name=command.display_name,
        email=command.email,
        roles=validate_roles(command.roles),
        password_hash=deps.passwords.hash(_checked_password(command.password)),
        locked=command.locked,
        expires_at=command.expires_at,
        allowed_ips=normalize_allowed_ips(command.allowed_ips),
        created_at=now,
        updated_at=now,
    )
    with deps.uow() as uow:
        if uow.users.get_by_username(account.username):
            raise AlreadyExists(f"a user named {account.username!r} exists")
        uow.users.save(account)
        record(uow, USER, account.id, CREATED, new=account_values(account))
        _publish_changed(uow, account)
        uow.commit()
    return account


def update_user(
    deps: Dependencies,
    command: UpdateUser,
    *,
    keep_api_tokens: bool = False,
    spare_token: str | None = None,
) -> Account:
    """Change the fields in `command.changes`. A new password ends every session of the user
    (and their API tokens, unless the admin says `keep_api_tokens`) but the caller's own
    `spare_token`; locking ends all of them: a credential must not outlive the decision."""
    changes = _checked_changes(deps, command.changes)
    with deps.uow() as uow:
        account = uow.users.get(command.user_id)
        if account is None:
            raise NotFound("no such user")
        renamed_to = changes.get("username", account.username)
        if renamed_to != account.username and uow.users.get_by_username(renamed_to):
            raise AlreadyExists(f"a user named {renamed_to!r} exists")
        before = replace(account)
        for name, value in changes.items():
            setattr(account, name, value)
        if changes.get("locked") is False:
            # Unlocking by hand also lifts a lockout after failed logins, and every wait.
            account.record_successful_login()
            uow.login_history.end_waits(account.id)
        account.updated_at = deps.clock()
        uow.users.save(account)
        record_account_change(uow, before, account)
        _publish_changed(uow, account)
        if "password_hash" in changes:
            kept = {"api_tokens_kept": keep_api_tokens}
            record(uow, USER, account.id, PASSWORD_RESET, new=kept)
        _end_credentials(uow, deps, account.id, changes, keep_api_tokens, spare_token)
        uow.commit()
    return account


def _publish_changed(uow: GatewayUnitOfWork, account: Account) -> None:
    """gateway.user-changed, in the change's transaction (the outbox): other services learn
    who the users are (names, e-mail, language, active) from it."""
    uow.publish(USER_CHANGED, account.id, user_changed_event(account, account.updated_at))


def _end_credentials(
    uow: GatewayUnitOfWork,
    deps: Dependencies,
    user_id: str,
    changes: dict[str, Any],
    keep_api_tokens: bool,
    spare_token: str | None,
) -> None:
    """A lock ends every session and API token; a new password every session but the
    caller's, and the API tokens unless kept."""
    if changes.get("locked") is True:
        end_sessions(uow, deps, user_id, api_tokens=True, reason="locked")
    elif "password_hash" in changes:
        end_sessions(uow, deps, user_id, api_tokens=not keep_api_tokens, reason=PASSWORD_RESET,
                     spare_token=spare_token)  # fmt: skip


def get_user(deps: Dependencies, user_id: str) -> Account:
    with deps.uow().read_only() as uow:
        account = uow.users.get(user_id)
    if account is None:
        raise NotFound("no such user")
    return account


def list_users(
    deps: Dependencies, *, offset: int, limit: int, q: str | None
) -> tuple[list[Account], int]:
    with deps.uow().read_only() as uow:
        return uow.users.page(offset=offset, limit=limit, q=q)


def _checked_changes(deps: Dependencies, changes: dict[str, Any]) -> dict[str, Any]:
    checked = dict(changes)
    if "username" in checked:
        checked["username"] = normalize_username(checked["username"])
    if "roles" in checked:
        checked["roles"] = validate_roles(checked["roles"])
    if "allowed_ips" in checked:
        checked["allowed_ips"] = normalize_allowed_ips(checked["allowed_ips"])
    if "password" in checked:
        checked["password_hash"] = deps.passwords.hash(_checked_password(checked.pop("password")))
    return checked


def _checked_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidArgument.field(
            "password", f"must be at least {MIN_PASSWORD_LENGTH} characters"
        )
    return password
