"""What can go wrong behind the gateway, in the gateway's words (the clients raise these)."""

from __future__ import annotations

from crm_platform.errors import DomainError


class ServiceFailed(DomainError):
    """A service failed in a way the caller cannot act on (its message stays in our logs)."""


class TooManyRequests(DomainError):
    """A service refused the call for now: a quota or a limit was reached."""
