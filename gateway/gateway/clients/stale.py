"""Optimistic concurrency: an update names the version it was read at, and a service refuses it
(FAILED_PRECONDITION, nothing written) once the record has changed since.

The refusal comes back as StaleRecord carrying the record as it is now, so that the REST API
can answer 412 with the current values and the web form can show them beside what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel

from crm_platform.errors import FailedPrecondition, InvalidArgument

V = TypeVar("V", bound=BaseModel)
VERSION = "version"  # the field a REST body or a web form names the version it read in
MESSAGE = "Changed by someone else meanwhile: nothing was saved."


class StaleRecord(FailedPrecondition):
    """The record changed after the caller read it; `current` is the record now."""

    def __init__(self, current: BaseModel) -> None:
        super().__init__(MESSAGE)
        self.current = current


def split_version(changes: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """The version `changes` says it was read at (0: none) and the changes without it. A form
    posts it as text, a REST body as a number."""
    rest = {name: value for name, value in changes.items() if name != VERSION}
    raw = changes.get(VERSION)
    if raw is None or raw == "":
        return 0, rest
    try:
        version = int(raw)
    except (TypeError, ValueError):
        version = -1
    if isinstance(raw, bool) or version < 1:
        raise InvalidArgument.field(VERSION, "must be a version this API handed out (1 or more)")
    return version, rest


def checked(update: Callable[[], V], expected_version: int, current: Callable[[], V]) -> V:
    """`update()`; when a service refuses it as a rule (FailedPrecondition) and the record is
    no longer at `expected_version`, StaleRecord with the record as it is now."""
    try:
        return update()
    except FailedPrecondition:
        if expected_version:
            now = current()
            if getattr(now, VERSION) != expected_version:
                raise StaleRecord(now) from None
        raise
