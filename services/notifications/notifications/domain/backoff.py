"""When a message that could not be sent is tried again."""

from __future__ import annotations

from datetime import datetime, timedelta

FIRST_RETRY_SECONDS = 30.0
LONGEST_WAIT_SECONDS = 3600.0


def next_attempt(now: datetime, attempts: int) -> datetime:
    """30 s after the first failure, doubling each time, at most an hour apart."""
    wait = min(FIRST_RETRY_SECONDS * 2 ** max(attempts - 1, 0), LONGEST_WAIT_SECONDS)
    return now + timedelta(seconds=wait)
