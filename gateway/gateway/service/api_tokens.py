"""Issuing, listing and revoking integration accounts' API tokens (admins only, at the
entrypoint), and the short-lived signed token an integration exchanges one for, to call the
services over gRPC directly."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from crm_platform.audit.values import json_value
from crm_platform.errors import NotFound
from crm_platform.identity_token import IdentitySigner
from crm_platform.request_context import Identity
from gateway.domain.account import Account
from gateway.domain.api_token import ApiToken, check_issuable, expiry
from gateway.domain.tokens import new_token, token_digest
from gateway.service.dependencies import Dependencies
from gateway.service.security_audit import API_TOKEN, ISSUED, REVOKED, record


@dataclass(frozen=True)
class IssueApiToken:
    user_id: str
    name: str
    issued_by: str
    expires_at: datetime | None = None


def issue_api_token(deps: Dependencies, command: IssueApiToken) -> tuple[ApiToken, str]:
    """The new token's record and its secret, which is never shown again."""
    now = deps.clock()
    with deps.uow() as uow:
        account = uow.users.get(command.user_id)
        if account is None:
            raise NotFound("no such user")
        check_issuable(account.roles)
        token = ApiToken(
            id=str(uuid.uuid4()),
            user_id=account.id,
            name=command.name,
            created_by=command.issued_by,
            created_at=now,
            expires_at=expiry(now, command.expires_at),
        )
        secret = new_token()
        uow.api_tokens.add(token, token_digest(secret))
        issued = {
            "user_id": token.user_id,
            "name": token.name,
            "expires_at": json_value(token.expires_at),
        }
        record(uow, API_TOKEN, token.id, ISSUED, new=issued)
        uow.commit()
    return token, secret


def list_api_tokens(deps: Dependencies, user_id: str) -> list[ApiToken]:
    with deps.uow().read_only() as uow:
        if uow.users.get(user_id) is None:
            raise NotFound("no such user")
        return uow.api_tokens.of_user(user_id)


def revoke_api_token(deps: Dependencies, user_id: str, token_id: str) -> None:
    now = deps.clock()
    with deps.uow() as uow:
        if uow.api_tokens.revoke(user_id, token_id, now) is None:
            raise NotFound("no such API token")
        record(uow, API_TOKEN, token_id, REVOKED, new={"user_id": user_id})
        uow.commit()


def service_token(signer: IdentitySigner, account: Account) -> tuple[str, int]:
    """A signed identity for `account`, as the gateway sends with its own gRPC calls, and
    the seconds it lives."""
    return signer.sign(Identity(account.id, account.roles)), signer.ttl_seconds
