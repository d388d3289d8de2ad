"""Ending a user's sessions: when their password is reset, when they are locked, and when an
admin logs them out everywhere. Each token is checked against the database on every request
(adapters/token_holders.py), so a revoked one stops working at once on every worker."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from crm_platform.errors import NotFound
from gateway.adapters.unit_of_work import GatewayUnitOfWork
from gateway.domain.tokens import API, SESSION, token_digest
from gateway.service.dependencies import Dependencies
from gateway.service.security_audit import SESSIONS_REVOKED, USER, record


@dataclass(frozen=True)
class Revoked:
    sessions: int
    api_tokens: int


def end_sessions(
    uow: GatewayUnitOfWork,
    deps: Dependencies,
    user_id: str,
    *,
    api_tokens: bool,
    reason: str,
    spare_token: str | None = None,
) -> Revoked:
    """Revoke the user's sessions (and API tokens, when `api_tokens`) in `uow`'s transaction,
    but `spare_token`: the caller's own, so that ending one's other sessions keeps this one."""
    kinds = (SESSION, API) if api_tokens else (SESSION,)
    spare = token_digest(spare_token) if spare_token else None
    now = deps.clock()
    counts = uow.tokens.revoke_all_of(user_id, now, kinds, spare)
    revoked = Revoked(counts.get(SESSION, 0), counts.get(API, 0))
    ended = {**asdict(revoked), "reason": reason}
    record(uow, USER, user_id, SESSIONS_REVOKED, new=ended)
    return revoked


def revoke_sessions(
    deps: Dependencies, user_id: str, *, api_tokens: bool = False, spare_token: str | None = None
) -> Revoked:
    """An admin's "log out everywhere" for `user_id`."""
    with deps.uow() as uow:
        if uow.users.get(user_id) is None:
            raise NotFound("no such user")
        revoked = end_sessions(
            uow, deps, user_id, api_tokens=api_tokens, reason="admin", spare_token=spare_token
        )
        uow.commit()
    return revoked
