"""What every service client shares: one call on behalf of the current caller, within a
deadline, with gRPC failures turned into the gateway's domain errors; and, for a request with
an Idempotency-Key, whether a service answered it with the stored answer of an earlier call
under that key (the gateway had forgotten it: a 5xx, a killed worker)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import grpc

from crm_platform.errors import Unavailable
from crm_platform.grpc_metadata import IDEMPOTENCY_KEY, outgoing_metadata
from crm_platform.request_context import (
    current_correlation_id,
    current_idempotency_key,
    current_identity,
    seconds_left,
)
from gateway.clients.status import UNAVAILABLE_MESSAGE, domain_error

# The trailing metadata a service sends with a replayed answer (crm_platform.grpc_server.keyed).
REPLAYED = ("idempotent-replayed", "true")


class Replays:
    """Whether a service replayed any call of the request being watched."""

    seen = False


_watched: ContextVar[Replays | None] = ContextVar("replays", default=None)


@contextmanager
def watching_replays() -> Iterator[Replays]:
    """For the calls inside the block: note a service's replayed answer (or refusal)."""
    replays = Replays()
    token = _watched.set(replays)
    try:
        yield replays
    finally:
        _watched.reset(token)


class ServiceClient:
    """Base of the typed clients; subclasses build the request and the view model."""

    def __init__(self, deadline_seconds: float) -> None:
        self._deadline = deadline_seconds

    def _call(self, method: grpc.UnaryUnaryMultiCallable, request: Any, timeout: float = 0) -> Any:
        """`method(request)` as the caller bound to this request (anonymous outside a login:
        the public survey); a request iterator for a client-streaming method.

        Within the request's own deadline when it has one (a keyed request: its claim on the
        key lapses then), and with its Idempotency-Key, which the service records."""
        metadata: Any = outgoing_metadata(current_identity(), current_correlation_id())
        timeout = timeout or self._deadline
        left = seconds_left()
        if left is not None:
            if left <= 0:
                raise Unavailable(UNAVAILABLE_MESSAGE)
            timeout = min(timeout, left)
        key = current_idempotency_key()
        if not key:
            try:
                return method(request, metadata=metadata, timeout=timeout)
            except grpc.RpcError as error:
                raise domain_error(error) from None
        try:
            # with_call: the answer with its trailing metadata, which says if it is a replay.
            response, call = method.with_call(
                request, metadata=(*metadata, (IDEMPOTENCY_KEY, key)), timeout=timeout
            )
        except grpc.RpcError as error:
            _note_replay(error)
            raise domain_error(error) from None
        _note_replay(call)
        return response


def _note_replay(call: Any) -> None:
    replays = _watched.get()
    if replays is not None and isinstance(call, grpc.Call):
        replays.seen = replays.seen or REPLAYED in (call.trailing_metadata() or ())
