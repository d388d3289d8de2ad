"""One server interceptor: verifies the caller's signed identity and binds it with the
correlation id, turns domain errors into status codes, records each call's metrics and logs it
(a successful one at DEBUG only).

A call with no token is anonymous (each use case refuses anonymous callers where it must); a
call with a token that fails verification is refused outright with UNAUTHENTICATED, since a
forged or stale identity is an attack or a bug, never a reason to serve less.

The call runs within the caller's deadline (bound for the unit of work, which commits nothing
after it) and, for a unary call sent with an Idempotency-Key by a known caller, once per key
(grpc_server.keyed). A call that fails once its caller has (nearly) gone is answered
DEADLINE_EXCEEDED: whatever broke (a lock wait cut short), nothing was committed.

Python's grpc interceptors see only the method name; to act around the call they wrap the
method handler's behaviour, which is what `_wrap` does for each of the four call shapes.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

import grpc

from crm_platform.deadlines import COMMIT_MARGIN_SECONDS
from crm_platform.errors import DomainError
from crm_platform.grpc_metadata import bearer_token, correlation_id_of, idempotency_key_of
from crm_platform.grpc_server.keyed import passing_bytes, run_keyed
from crm_platform.grpc_server.status_mapping import abort_with, status_code_of
from crm_platform.idempotency.keyed_call import KeyedCall
from crm_platform.identity_token import IdentityVerifier, TokenRefused
from crm_platform.metrics import GRPC_HANDLED, GRPC_LATENCY
from crm_platform.request_context import (
    ANONYMOUS,
    bound,
    current_correlation_id,
    seconds_left,
    within,
)

log = logging.getLogger(__name__)

# Health checks and reflection are called every few seconds by probes: not worth a log line.
_QUIET_PREFIXES = ("/grpc.health.", "/grpc.reflection.")
# gRPC reports a call without a deadline as one with years left.
_NO_DEADLINE_SECONDS = 10**6


class ServerInterceptor(grpc.ServerInterceptor):
    def __init__(self, verifier: IdentityVerifier) -> None:
        self._verifier = verifier
        # A method's handler is one object for the server's life: it is wrapped once, not on
        # every call (with its metrics' label lookups), which saves ~3 us a call.
        self._wrapped: dict[grpc.RpcMethodHandler, grpc.RpcMethodHandler] = {}

    def intercept_service(self, continuation, handler_call_details):
        handler = continuation(handler_call_details)
        if handler is None:
            return None
        wrapped = self._wrapped.get(handler)
        if wrapped is None:
            method = handler_call_details.method
            quiet = method.startswith(_QUIET_PREFIXES)
            verifier = self._verifier
            wrapped = _wrap(
                handler,
                lambda behaviour, keyable: _around(behaviour, method, quiet, verifier, keyable),
            )
            self._wrapped[handler] = wrapped
        return wrapped


def _around(
    behaviour: Callable[..., Any],
    method: str,
    quiet: bool,
    verifier: IdentityVerifier,
    keyable: bool,
) -> Callable[..., Any]:
    latency = GRPC_LATENCY.labels(method)
    handled: dict[grpc.StatusCode, Any] = {}

    def count(code: grpc.StatusCode) -> None:
        counter = handled.get(code)
        if counter is None:
            counter = handled[code] = GRPC_HANDLED.labels(method, code.name)
        counter.inc()

    def call(request_or_iterator: Any, context: grpc.ServicerContext) -> Any:
        metadata = context.invocation_metadata()
        token = bearer_token(metadata)
        try:
            identity = verifier.verify(token) if token else ANONYMOUS
        except TokenRefused as refused:
            count(grpc.StatusCode.UNAUTHENTICATED)
            log.warning("%s refused an identity token: %s", method, refused)
            context.abort(grpc.StatusCode.UNAUTHENTICATED, "identity token refused")
        started = time.perf_counter()
        code = grpc.StatusCode.OK
        key = idempotency_key_of(metadata) if keyable and not identity.is_anonymous else ""
        with (
            bound(identity, correlation_id_of(metadata), token),
            within(_time_remaining(context), key),
        ):
            context.set_trailing_metadata((("x-correlation-id", current_correlation_id()),))
            try:
                if key:
                    request = request_or_iterator.SerializeToString(deterministic=True)
                    keyed = KeyedCall.of(identity.user_id, key, method, request)
                    return run_keyed(behaviour, request_or_iterator, context, keyed)
                return behaviour(request_or_iterator, context)
            except DomainError as error:
                code = status_code_of(error)
                abort_with(context, error)
            except Exception:
                code = context.code() or grpc.StatusCode.UNKNOWN
                if code is grpc.StatusCode.UNKNOWN and _caller_gone():
                    code = grpc.StatusCode.DEADLINE_EXCEEDED
                    context.abort(code, "deadline exceeded: nothing was written")
                if code is grpc.StatusCode.UNKNOWN:
                    log.exception("%s failed", method)
                    code = grpc.StatusCode.INTERNAL
                    context.abort(code, "internal error")
                raise
            finally:
                elapsed = time.perf_counter() - started
                count(code)
                latency.observe(elapsed)
                # A call that went well is counted and timed by the metrics above; its log
                # line (formatting, the handler's lock, and every process that carries stdout
                # on) cost more CPU than a read itself, so it shows only at DEBUG. Refusals and
                # failures still log at INFO, with who called.
                level = logging.DEBUG if code is grpc.StatusCode.OK else logging.INFO
                if not quiet and log.isEnabledFor(level):
                    log.log(
                        level,
                        "%s %s %.1fms",
                        method,
                        code.name,
                        elapsed * 1000,
                        extra={"user_id": identity.user_id, "grpc_code": code.name},
                    )

    return call


def _time_remaining(context: grpc.ServicerContext) -> float | None:
    remaining = context.time_remaining()
    return None if remaining is None or remaining > _NO_DEADLINE_SECONDS else remaining


def _caller_gone() -> bool:
    left = seconds_left()
    return left is not None and left < COMMIT_MARGIN_SECONDS


def _wrap(handler: grpc.RpcMethodHandler, wrap: Callable) -> grpc.RpcMethodHandler:
    if handler.unary_unary:
        # Only a unary call can be keyed: its request is whole before it runs.
        return grpc.unary_unary_rpc_method_handler(
            wrap(handler.unary_unary, True),
            request_deserializer=handler.request_deserializer,
            response_serializer=passing_bytes(handler.response_serializer),
        )
    if handler.unary_stream:
        return grpc.unary_stream_rpc_method_handler(
            wrap(handler.unary_stream, False),
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )
    if handler.stream_unary:
        return grpc.stream_unary_rpc_method_handler(
            wrap(handler.stream_unary, False),
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )
    return grpc.stream_stream_rpc_method_handler(
        wrap(handler.stream_stream, False),
        request_deserializer=handler.request_deserializer,
        response_serializer=handler.response_serializer,
    )
