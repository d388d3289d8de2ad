import json

import grpc
import pytest
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from werkzeug.exceptions import MethodNotAllowed

from crm_platform.errors import (
    AlreadyExists,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    Unauthenticated,
)
from gateway.clients.status import domain_error
from gateway.errors import PROBLEM_JSON, domain_problem, http_problem


def grpc_problem(error):
    """What a client's failed call becomes at the REST API: its domain error's problem."""
    return domain_problem(domain_error(error))


class FailedCall(grpc.RpcError, grpc.Call):
    """A finished call as a stub raises it: just enough of grpc.Call for the error handler."""

    def __init__(self, code: grpc.StatusCode, details: str = "", trailing=()) -> None:
        self._code, self._details, self._trailing = code, details, tuple(trailing)

    def code(self):
        return self._code

    def details(self):
        return self._details

    def trailing_metadata(self):
        return self._trailing

    def initial_metadata(self):
        return ()

    def is_active(self):
        return False

    def time_remaining(self):
        return None

    def cancel(self):
        return False

    def add_callback(self, callback):
        return False


def body(response):
    assert response.mimetype == PROBLEM_JSON
    return json.loads(response.get_data())


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (NotFound("gone"), 404),
        (InvalidArgument("bad"), 400),
        (FailedPrecondition("closed"), 422),
        (AlreadyExists("twice"), 409),
        (PermissionDenied("no"), 403),
        (Unauthenticated("who"), 401),
    ],
)
def test_domain_errors_map_to_statuses(error, status):
    problem = body(domain_problem(error))
    assert problem["status"] == status
    assert set(problem) == {"type", "title", "status", "detail", "errors"}


def test_invalid_argument_lists_its_fields():
    problem = body(domain_problem(InvalidArgument.field("roles", "unknown role")))
    assert problem["errors"] == [{"field": "roles", "message": "unknown role"}]


@pytest.mark.parametrize(
    ("code", "status"),
    [
        (grpc.StatusCode.NOT_FOUND, 404),
        (grpc.StatusCode.INVALID_ARGUMENT, 400),
        (grpc.StatusCode.FAILED_PRECONDITION, 422),
        (grpc.StatusCode.ALREADY_EXISTS, 409),
        (grpc.StatusCode.PERMISSION_DENIED, 403),
        (grpc.StatusCode.UNAUTHENTICATED, 401),
        (grpc.StatusCode.UNAVAILABLE, 503),
        (grpc.StatusCode.DEADLINE_EXCEEDED, 503),
        (grpc.StatusCode.RESOURCE_EXHAUSTED, 429),
        (grpc.StatusCode.INTERNAL, 502),
        (grpc.StatusCode.UNKNOWN, 502),
    ],
)
def test_grpc_codes_map_to_statuses(code, status):
    response = grpc_problem(FailedCall(code, "why"))
    assert response.status_code == status
    # A failure behind the gateway keeps its details in the logs, not in the answer.
    assert (body(response)["detail"] == "why") == (status < 500)


def test_grpc_bad_request_details_become_field_errors():
    bad_request = error_details_pb2.BadRequest(
        field_violations=[
            error_details_pb2.BadRequest.FieldViolation(field="email", description="not valid")
        ]
    )
    detail = any_pb2.Any()
    detail.Pack(bad_request)
    status = status_pb2.Status(code=code_pb2.INVALID_ARGUMENT, message="bad lead", details=[detail])
    call = FailedCall(
        grpc.StatusCode.INVALID_ARGUMENT,
        "bad lead",
        [("grpc-status-details-bin", status.SerializeToString())],
    )
    problem = body(grpc_problem(call))
    assert problem["status"] == 400
    assert problem["detail"] == "bad lead"
    assert problem["errors"] == [{"field": "email", "message": "not valid"}]


def test_http_errors_keep_their_headers():
    response = http_problem(MethodNotAllowed(valid_methods=["GET"]))
    assert body(response)["status"] == 405
    assert response.headers["Allow"] == "GET"
