"""Who an audit entry names as the actor: the calling user, or the system process (an event
consumer, a scheduler) acting on its own account while it runs.

An event consumer binds the identity of the user whose request caused the event, so that its
outgoing events carry it on; the changes it makes are still its own, hence a separate marker.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from crm_platform.request_context import current_identity

_system_actor: ContextVar[str] = ContextVar("audit_system_actor", default="")

ANONYMOUS_ACTOR = "anonymous"


@contextmanager
def acting_as_system(process: str) -> Iterator[None]:
    """Changes made inside the block are the system's: actor `system:<process>`."""
    token = _system_actor.set(f"system:{process}")
    try:
        yield
    finally:
        _system_actor.reset(token)


def current_actor() -> tuple[str, list[str]]:
    """(actor id, its roles) for an entry written now."""
    system = _system_actor.get()
    if system:
        return system, []
    identity = current_identity()
    # A caller without an identity is the public: a customer answering a survey by its link.
    return identity.user_id or ANONYMOUS_ACTOR, sorted(identity.roles)
