"""Optimistic concurrency: every record carries a version, 1 when created and +1 per change.

A caller who read a record at one version and saves a change names it; when the record has
changed since, the save is refused (nothing written) instead of silently undoing the other
person's change. Each service checks it on the record it read for the change, locked until commit.
"""

from __future__ import annotations

from typing import Protocol

from crm_platform.errors import FailedPrecondition

FIRST = 1


class Versioned(Protocol):
    version: int


class StaleVersion(FailedPrecondition):
    """The record changed after the caller read it."""

    def __init__(self, kind: str, current: int, expected: int) -> None:
        super().__init__(
            f"{kind} changed meanwhile: it is at version {current}, not {expected}; "
            "nothing was saved"
        )
        self.current = current


def check_version(kind: str, record: Versioned, expected: int) -> None:
    """`expected` 0: the caller did not say what it read, and nothing is checked."""
    if expected and record.version != expected:
        raise StaleVersion(kind, record.version, expected)


def next_version(record: Versioned) -> int:
    return record.version + 1
