"""Who is calling and on behalf of which request, for the duration of one call or one event.

The gRPC interceptor binds them from metadata (with the signed token the identity came in, so
that a call made on the caller's behalf forwards it); the unit of work stamps them on outbox
events; the log filter writes the correlation id on every line. With them, for one request:
when its caller gives up (the unit of work commits nothing after that) and its Idempotency-Key.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass, field

ROLES = ("admin", "manager", "marketing", "sales", "service")


@dataclass(frozen=True)
class Identity:
    user_id: str = ""
    roles: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_anonymous(self) -> bool:
        return not self.user_id

    def has_any(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))


ANONYMOUS = Identity()

_identity: ContextVar[Identity] = ContextVar("identity", default=ANONYMOUS)
_correlation_id: ContextVar[str] = ContextVar("correlation_id", default="")
_token: ContextVar[str] = ContextVar("identity_token", default="")
# When the caller gives up (time.monotonic()), or None: no deadline.
_deadline: ContextVar[float | None] = ContextVar("deadline", default=None)
# The caller's Idempotency-Key for this request ("" when none): a retry sends the same.
_idempotency_key: ContextVar[str] = ContextVar("idempotency_key", default="")


def current_identity() -> Identity:
    return _identity.get()


def current_correlation_id() -> str:
    return _correlation_id.get()


def current_token() -> str:
    """The verified token the current identity came in ("" if none: anonymous, or not a call)."""
    return _token.get()


def new_correlation_id() -> str:
    # 32 hex digits like uuid4().hex, at a quarter of its cost (the gateway makes one for
    # every request that brings none).
    return os.urandom(16).hex()


Binding = tuple[Token[Identity], Token[str], Token[str]]


def bind(identity: Identity, correlation_id: str, token: str = "") -> Binding:
    """What `bound` does, for code that binds and restores in two calls (a web framework's
    before-request and teardown hooks): pass the result to `unbind`."""
    return (
        _identity.set(identity),
        _correlation_id.set(correlation_id or new_correlation_id()),
        _token.set(token),
    )


def unbind(binding: Binding) -> None:
    identity_token, correlation_token, token_token = binding
    _token.reset(token_token)
    _correlation_id.reset(correlation_token)
    _identity.reset(identity_token)


@contextmanager
def bound(identity: Identity, correlation_id: str, token: str = "") -> Iterator[None]:
    """Bind identity, correlation id and the identity's signed token for the code inside the
    block, then restore."""
    binding = bind(identity, correlation_id, token)
    try:
        yield
    finally:
        unbind(binding)


def current_idempotency_key() -> str:
    return _idempotency_key.get()


def seconds_left() -> float | None:
    """Seconds until the caller's deadline (negative once past), or None when it set none."""
    deadline = _deadline.get()
    return None if deadline is None else deadline - time.monotonic()


@contextmanager
def within(seconds: float | None, idempotency_key: str = "") -> Iterator[None]:
    """For the code inside the block: the caller gives up `seconds` from now (None: never),
    and its request carries `idempotency_key`. A deadline already bound is only shortened."""
    deadline = None if seconds is None else time.monotonic() + seconds
    outer = _deadline.get()
    if outer is not None and (deadline is None or outer < deadline):
        deadline = outer
    deadline_token = _deadline.set(deadline)
    key_token = _idempotency_key.set(idempotency_key)
    try:
        yield
    finally:
        _idempotency_key.reset(key_token)
        _deadline.reset(deadline_token)
