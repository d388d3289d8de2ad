"""A user account and the rules that decide whether it may log in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from crm_platform.errors import InvalidArgument
from gateway.domain.lockout import LockoutPolicy, is_locked_out
from gateway.domain.network import address_allowed

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{0,149}$")


def normalize_username(username: str) -> str:
    """Usernames are case-insensitive: "Alice" and "alice" are one account."""
    name = username.strip().lower()
    if not _USERNAME.match(name):
        raise InvalidArgument.field(
            "username", "use 1-150 letters, digits, '.', '_', '@' or '-', starting alphanumeric"
        )
    return name


@dataclass
class Account:
    id: str
    username: str
    display_name: str
    email: str | None
    roles: frozenset[str]
    password_hash: str
    locked: bool = False
    expires_at: datetime | None = None
    allowed_ips: tuple[str, ...] = ()
    failed_logins: int = 0
    locked_until: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    # The web UI's language the user chose ("en", "zh"); None: the browser's.
    language: str | None = None

    def login_refusal(
        self, now: datetime, address: str | None, known_address: bool = False
    ) -> str | None:
        """Why this account may not log in now from `address` (for logs only), or None. The
        lock after failures from many addresses spares a `known_address`, one that has logged
        in to this account before: strangers cannot lock the owner out."""
        if is_locked_out(self.locked_until, now) and not self.locked and not known_address:
            return "locked after repeated failures"
        return self.request_refusal(now, address)

    def request_refusal(self, now: datetime, address: str | None) -> str | None:
        """Why a request with this account's token may not act now from `address`, or None;
        checked on every request, not only at login."""
        if self.locked:
            return "locked by an administrator"
        if self.expires_at is not None and now >= self.expires_at:
            return "expired"
        if not address_allowed(address, self.allowed_ips):
            return "address outside allowed_ips"
        return None

    def record_failed_login(self, policy: LockoutPolicy, now: datetime) -> None:
        self.failed_logins, locked_until = policy.after_failure(self.failed_logins, now)
        if locked_until is not None:
            self.locked_until = locked_until

    def record_successful_login(self) -> None:
        self.failed_logins = 0
        self.locked_until = None
