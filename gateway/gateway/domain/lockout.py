"""Repeated failed logins lock an account for a while, so passwords cannot be guessed online."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class LockoutPolicy:
    threshold: int
    duration: timedelta

    def after_failure(self, failures: int, now: datetime) -> tuple[int, datetime | None]:
        """The new failure count and, once the threshold is reached, until when to lock."""
        failures += 1
        if failures >= self.threshold:
            # The counter restarts so that the next window allows `threshold` tries again.
            return 0, now + self.duration
        return failures, None


def is_locked_out(locked_until: datetime | None, now: datetime) -> bool:
    return locked_until is not None and now < locked_until
