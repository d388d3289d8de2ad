"""One account's logins from one address: how many failed in a row, until when the address
must wait, and whether it ever logged in successfully (the owner's address, then, which the
account-wide lock against credential stuffing lets through)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from gateway.domain.lockout import LockoutPolicy, is_locked_out


@dataclass
class AddressHistory:
    failures: int = 0
    wait_until: datetime | None = None
    last_failure_at: datetime | None = None
    succeeded_at: datetime | None = None

    @property
    def known(self) -> bool:
        """This address has logged in to the account before."""
        return self.succeeded_at is not None

    def waiting(self, now: datetime) -> bool:
        return is_locked_out(self.wait_until, now)

    def record_failure(self, policy: LockoutPolicy, now: datetime) -> None:
        """A wrong password; a try made while waiting is not one (it is refused unchecked,
        so it teaches the caller nothing) and does not lengthen the wait."""
        if self.waiting(now):
            return
        self.failures += 1
        self.last_failure_at = now
        self.wait_until = policy.wait_after(self.failures, now)

    def record_success(self, now: datetime) -> None:
        self.failures = 0
        self.wait_until = None
        self.succeeded_at = now
