"""What the use cases need from outside, bundled so entrypoints pass one thing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from gateway.adapters.passwords import Passwords
from gateway.adapters.unit_of_work import GatewayUnitOfWork
from gateway.domain.account import Account
from gateway.domain.lockout import LockoutPolicy


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Dependencies:
    uow: Callable[[], GatewayUnitOfWork]
    passwords: Passwords
    lockout: LockoutPolicy
    token_ttl: timedelta
    # (token digest, now) → the account holding that live token: every request asks.
    token_holder: Callable[[str, datetime], Account | None]
    clock: Callable[[], datetime] = utc_now
