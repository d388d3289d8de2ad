"""Logging in and out, and finding who holds a token."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from crm_platform.errors import InvalidArgument, Unauthenticated
from gateway.adapters.unit_of_work import GatewayUnitOfWork
from gateway.domain.account import Account, normalize_username
from gateway.domain.login_history import AddressHistory
from gateway.domain.network import address_key
from gateway.domain.tokens import new_token, token_digest
from gateway.service.commands import LogIn
from gateway.service.dependencies import Dependencies

log = logging.getLogger(__name__)

# One message for every refusal, so a caller cannot tell which part was wrong.
LOGIN_REFUSED = "Invalid username or password, or the account may not log in now."
# How long an address that never logged in is remembered after its last failure.
STRANGER_MEMORY = timedelta(days=1)


@dataclass(frozen=True)
class Session:
    access_token: str
    expires_in: int
    account: Account


def log_in(deps: Dependencies, command: LogIn) -> Session:
    """A session for the right password, unless the account may not log in now from this
    address: failures are counted per (account, address), see domain/lockout.py."""
    now = deps.clock()
    try:
        username = normalize_username(command.username)
    except InvalidArgument:
        username = ""
    address = address_key(command.client_address)
    with deps.uow() as uow:
        account = uow.users.get_by_username(username) if username else None
        password_ok = deps.passwords.verify(account and account.password_hash, command.password)
        if account is None:
            log.info("login refused: unknown user")
            raise Unauthenticated(LOGIN_REFUSED)
        history = uow.login_history.get(account.id, address)
        refusal = account.login_refusal(now, command.client_address, history.known)
        if refusal is None and history.waiting(now):
            refusal = "this address must wait after failed logins"
        if refusal is None and password_ok:
            account.record_successful_login()
            history.record_success(now)
            uow.login_history.save(account.id, address, history)
            token = new_token()
            uow.tokens.purge_expired(now)  # keeps the table small without a separate job
            uow.tokens.add(token_digest(token), account.id, now, now + deps.token_ttl)
            uow.users.save(account)
            uow.commit()
            log.info("login", extra={"user_id": account.id})
            return Session(token, int(deps.token_ttl.total_seconds()), account)
        if not password_ok and not history.waiting(now):
            record_failure(uow, deps, account, address, history, now)
            refusal = refusal or "wrong password"
        log.info("login refused: %s", refusal, extra={"user_id": account.id})
        raise Unauthenticated(LOGIN_REFUSED)


def record_failure(
    uow: GatewayUnitOfWork,
    deps: Dependencies,
    account: Account,
    address: str,
    history: AddressHistory,
    now: datetime,
) -> None:
    """A wrong password from `address`: its backoff grows, and unless the address has logged
    in to this account before, the account's count towards the lock against stuffing too."""
    history.record_failure(deps.lockout, now)
    uow.login_history.save(account.id, address, history)
    uow.login_history.purge_strangers(account.id, now - STRANGER_MEMORY)
    if not history.known:
        account.record_failed_login(deps.lockout, now)
        uow.users.save(account)
    uow.commit()


def log_out(deps: Dependencies, access_token: str) -> None:
    with deps.uow() as uow:
        uow.tokens.revoke(token_digest(access_token), deps.clock())
        uow.commit()


def authenticate(deps: Dependencies, access_token: str, address: str | None) -> Account | None:
    """The account behind a live token, if it may still act (not locked or expired) from
    `address`: a session or API token is fenced by `allowed_ips` like the password, so that
    one taken elsewhere (or made from an allowed address) works nowhere else."""
    now = deps.clock()
    account = deps.token_holder(token_digest(access_token), now)
    if account is None:
        return None
    refusal = account.request_refusal(now, address)
    if refusal is not None:
        log.info("token refused: %s", refusal, extra={"user_id": account.id})
        return None
    return account
