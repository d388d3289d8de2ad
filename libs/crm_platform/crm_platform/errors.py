"""Domain errors: raised by use cases, turned into status codes only at the entrypoints."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldViolation:
    field: str
    message: str


class DomainError(Exception):
    """Base of every error a use case raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(DomainError):
    """The object does not exist, or the caller may not see it (the two look the same)."""


class InvalidArgument(DomainError):
    """The request is malformed; `violations` says which fields and why."""

    def __init__(self, message: str, violations: list[FieldViolation] | None = None) -> None:
        super().__init__(message)
        self.violations = list(violations or [])

    @classmethod
    def field(cls, field: str, message: str) -> InvalidArgument:
        return cls(f"{field}: {message}", [FieldViolation(field, message)])


class FailedPrecondition(DomainError):
    """A rule refused the change in the object's present state (e.g. moving a closed deal)."""


class AlreadyExists(DomainError):
    """The change conflicts with what exists (e.g. converting a lead twice)."""


class PermissionDenied(DomainError):
    """The caller is known but not allowed to do this."""


class Unauthenticated(DomainError):
    """No caller identity where one is needed."""


class Unavailable(DomainError):
    """A service this one depends on cannot be reached; nothing was written."""
