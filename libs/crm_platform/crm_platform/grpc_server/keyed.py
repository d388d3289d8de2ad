"""A unary call with an Idempotency-Key: run once, its answer recorded with its writes and
replayed to every retry (see crm_platform.idempotency.keyed_call for the transaction)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import grpc
from google.rpc import status_pb2
from grpc_status import rpc_status

from crm_platform.deadlines import DeadlineExceeded
from crm_platform.errors import DomainError
from crm_platform.grpc_server.status_mapping import status_of
from crm_platform.idempotency.keyed_call import OK, KeyedCall, Replay, StoredAnswer, keyed
from crm_platform.request_context import current_correlation_id

REPLAYED = "idempotent-replayed"


def run_keyed(
    behaviour: Callable[..., Any],
    request: Any,
    context: grpc.ServicerContext,
    call: KeyedCall,
) -> Any:
    """`behaviour(request, context)`, or the stored answer of the call made before. A replayed
    response is its message's bytes (the handler's serializer lets bytes through)."""
    with keyed(call):
        try:
            return _run_once(behaviour, request, context, call)
        except Replay as replay:
            return _replay(replay.stored, context)


def _run_once(behaviour, request, context, call: KeyedCall) -> Any:
    try:
        response = behaviour(request, context)
    except DeadlineExceeded:
        raise  # rolled back when the call ends: the caller has gone
    except DomainError as error:
        call.replay_if_stored()
        if call.wrote:
            # It committed a block before failing: that stays, and so does the refusal.
            status = status_of(error)
            call.settle(StoredAnswer(status.code, status.SerializeToString()))
        raise
    except Exception:
        # E.g. a unique key met because a racing call under the same key won.
        call.replay_if_stored()
        raise
    call.settle(StoredAnswer(OK, response.SerializeToString()))
    return response


def _replay(stored: StoredAnswer, context: grpc.ServicerContext) -> Any:
    context.set_trailing_metadata(
        (("x-correlation-id", current_correlation_id()), (REPLAYED, "true"))
    )
    if stored.status_code == OK:
        return stored.response
    context.abort_with_status(rpc_status.to_status(status_pb2.Status.FromString(stored.response)))


def passing_bytes(serializer: Callable[[Any], bytes] | None) -> Callable[[Any], bytes] | None:
    """The handler's response serializer, letting a replayed (already serialized) answer by."""
    if serializer is None:
        return None
    return lambda response: response if isinstance(response, bytes) else serializer(response)
