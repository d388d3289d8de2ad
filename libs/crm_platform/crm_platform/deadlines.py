"""The caller's deadline, honoured where it matters: nothing commits once the caller gave up.

gRPC carries the caller's deadline (the gateway's 5 s) to the service; a write that waited
behind a lock past it is answered DEADLINE_EXCEEDED by the client library whatever the
service does next, so the service must then roll back rather than commit a change the caller
was told had failed (and would retry).
"""

from __future__ import annotations

from crm_platform.errors import DomainError
from crm_platform.request_context import seconds_left

# A commit needs this much of the deadline left: the caller's clock started before the
# request crossed the network, and the COMMIT itself takes time.
COMMIT_MARGIN_SECONDS = 0.1


class DeadlineExceeded(DomainError):
    """The caller's deadline passed (or nearly): nothing was written."""


def ensure_time_to_commit() -> None:
    """DeadlineExceeded unless the caller is still waiting, with the margin a commit needs."""
    left = seconds_left()
    if left is not None and left < COMMIT_MARGIN_SECONDS:
        raise DeadlineExceeded("the caller's deadline passed before the change was committed")


def deadline_passed() -> bool:
    left = seconds_left()
    return left is not None and left <= 0
