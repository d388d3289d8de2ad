"""Failed logins slow down guessing without letting a stranger lock the owner out.

Two rules, both in this policy:
- Per (account, address): after `per_address` failures that address must wait before its
  next try counts, 30 s at first and twice as long after each further failure, at most
  `duration` (an exponential backoff; no captcha, the wait is the delay). Other addresses are
  not held back, so five wrong passwords from anywhere no longer lock `admin` for everyone.
- Per account, against credential stuffing from many addresses: `threshold` failures from
  addresses that never logged in to it lock it for `duration`, but not for an address with a
  successful login to this account (see login_history.py): the owner still gets in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

FIRST_WAIT = timedelta(seconds=30)
# The account-wide lock needs this many addresses' worth of failures (each address gives at
# most `per_address` before it waits), so that one address alone never locks an account.
ADDRESSES_FOR_A_LOCK = 4
# 2**16 times the first wait is far past any cap: no need to compute larger powers.
_MAX_DOUBLINGS = 16


@dataclass(frozen=True)
class LockoutPolicy:
    threshold: int
    duration: timedelta
    per_address: int = 0  # 0: the same as `threshold`
    first_wait: timedelta = FIRST_WAIT

    @classmethod
    def for_addresses(cls, per_address: int, duration: timedelta) -> LockoutPolicy:
        """The policy from the settings: `per_address` tries per address, and the account-wide
        lock at ADDRESSES_FOR_A_LOCK times as many from addresses that never logged in."""
        return cls(per_address * ADDRESSES_FOR_A_LOCK, duration, per_address)

    def after_failure(self, failures: int, now: datetime) -> tuple[int, datetime | None]:
        """The account's new failure count and, once the threshold is reached, until when to
        lock it (for addresses without a successful login)."""
        failures += 1
        if failures >= self.threshold:
            # The counter restarts so that the next window allows `threshold` tries again.
            return 0, now + self.duration
        return failures, None

    def wait_after(self, failures: int, now: datetime) -> datetime | None:
        """Until when an address must wait after its `failures`-th failure in a row, if at all."""
        allowed = self.per_address or self.threshold
        if failures < allowed:
            return None
        doublings = min(failures - allowed, _MAX_DOUBLINGS)
        return now + min(self.duration, self.first_wait * 2**doublings)


def is_locked_out(locked_until: datetime | None, now: datetime) -> bool:
    return locked_until is not None and now < locked_until
