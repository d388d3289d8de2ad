"""The identity and correlation id an event was caused by, to bind while applying it."""

from __future__ import annotations

from crm.events.v1 import envelope_pb2
from crm_platform.request_context import Identity


def context_of(envelope: envelope_pb2.Envelope) -> tuple[Identity, str]:
    identity = Identity(user_id=envelope.actor.user_id, roles=frozenset(envelope.actor.roles))
    return identity, envelope.correlation_id
