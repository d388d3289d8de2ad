"""gRPC status codes turned into the gateway's domain errors, so nothing above the clients
knows that the services speak gRPC."""

from __future__ import annotations

import logging

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from crm_platform.errors import (
    AlreadyExists,
    DomainError,
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    Unauthenticated,
    Unavailable,
)
from gateway.domain.service_errors import ServiceFailed, TooManyRequests

log = logging.getLogger(__name__)

UNAVAILABLE_MESSAGE = "A service behind the gateway is unavailable; try again shortly."
FAILED_MESSAGE = "A service behind the gateway failed."

_ERRORS: dict[grpc.StatusCode, type[DomainError]] = {
    grpc.StatusCode.NOT_FOUND: NotFound,
    grpc.StatusCode.FAILED_PRECONDITION: FailedPrecondition,
    grpc.StatusCode.ALREADY_EXISTS: AlreadyExists,
    grpc.StatusCode.PERMISSION_DENIED: PermissionDenied,
    grpc.StatusCode.UNAUTHENTICATED: Unauthenticated,
    grpc.StatusCode.RESOURCE_EXHAUSTED: TooManyRequests,
}


def domain_error(error: grpc.RpcError) -> DomainError:
    """The domain error that says what `error` says, with the service's field violations."""
    code = error.code() if isinstance(error, grpc.Call) else grpc.StatusCode.UNKNOWN
    details = error.details() if isinstance(error, grpc.Call) else ""
    if code == grpc.StatusCode.INVALID_ARGUMENT:
        return InvalidArgument(details or "", _field_violations(error))
    if code in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED):
        log.warning("service unavailable: %s", code)
        return Unavailable(UNAVAILABLE_MESSAGE)
    kind = _ERRORS.get(code)
    if kind is None:
        log.error("service call failed: %s %s", code, error)
        return ServiceFailed(FAILED_MESSAGE)
    return kind(details or "")


def _field_violations(error: grpc.Call) -> list[FieldViolation]:
    status = rpc_status.from_call(error)
    violations: list[FieldViolation] = []
    for detail in status.details if status else ():
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad_request = error_details_pb2.BadRequest()
            detail.Unpack(bad_request)
            violations += [
                FieldViolation(v.field, v.description) for v in bad_request.field_violations
            ]
    return violations
