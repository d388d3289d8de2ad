"""Idempotency-Key rules: the same key and request within a day answers the first response.

A request still running holds its key for as long as it may run (its deadline): a retry
meanwhile waits (409), and a key whose request was killed (a gateway worker gone) is free again
once that time has passed. The services record the key with the write itself, so the retry
that then runs gets the first result if the killed request did write.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

KEY_LIFETIME = timedelta(hours=24)
MAX_KEY_LENGTH = 255
# The gateway's default gRPC deadline: how long an ordinary request may run.
DEFAULT_RUNNING_LIFETIME = timedelta(seconds=5)


@dataclass(frozen=True)
class StoredResponse:
    fingerprint: str
    status: int | None  # None: the first request is still running
    created_at: datetime


class Decision(Enum):
    PROCEED = "proceed"  # no live record: run the request and keep its response
    REPLAY = "replay"  # answer the stored response
    IN_PROGRESS = "in_progress"  # the first request may still be running: 409, retry later
    MISMATCH = "mismatch"  # the key was used for another request: 422


def fingerprint(method: str, path: str, body: bytes) -> str:
    """What makes two requests 'the same' for a key: method, path with query, and body."""
    digest = hashlib.sha256()
    for part in (method.encode(), path.encode(), body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def is_live(
    stored: StoredResponse, now: datetime, running_lifetime: timedelta = DEFAULT_RUNNING_LIFETIME
) -> bool:
    """A response is kept for KEY_LIFETIME; a request still running, only while it may run."""
    lifetime = running_lifetime if stored.status is None else KEY_LIFETIME
    return now - stored.created_at < lifetime


def decide(
    stored: StoredResponse | None,
    request_fingerprint: str,
    now: datetime,
    running_lifetime: timedelta = DEFAULT_RUNNING_LIFETIME,
) -> Decision:
    """`running_lifetime`: the deadline of the request (the longest it may run)."""
    if stored is None or not is_live(stored, now, running_lifetime):
        return Decision.PROCEED
    if stored.fingerprint != request_fingerprint:
        return Decision.MISMATCH
    if stored.status is None:
        return Decision.IN_PROGRESS
    return Decision.REPLAY
