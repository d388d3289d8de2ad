"""Idempotency-Key rules: the same key and request within a day answers the first response."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

KEY_LIFETIME = timedelta(hours=24)
MAX_KEY_LENGTH = 255


@dataclass(frozen=True)
class StoredResponse:
    fingerprint: str
    status: int | None  # None: the first request is still running
    created_at: datetime


class Decision(Enum):
    PROCEED = "proceed"  # no live record: run the request and keep its response
    REPLAY = "replay"  # answer the stored response
    IN_PROGRESS = "in_progress"  # the first request has not finished: 409, retry later
    MISMATCH = "mismatch"  # the key was used for another request: 422


def fingerprint(method: str, path: str, body: bytes) -> str:
    """What makes two requests 'the same' for a key: method, path with query, and body."""
    digest = hashlib.sha256()
    for part in (method.encode(), path.encode(), body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def is_live(stored: StoredResponse, now: datetime) -> bool:
    return now - stored.created_at < KEY_LIFETIME


def decide(stored: StoredResponse | None, request_fingerprint: str, now: datetime) -> Decision:
    if stored is None or not is_live(stored, now):
        return Decision.PROCEED
    if stored.fingerprint != request_fingerprint:
        return Decision.MISMATCH
    if stored.status is None:
        return Decision.IN_PROGRESS
    return Decision.REPLAY
