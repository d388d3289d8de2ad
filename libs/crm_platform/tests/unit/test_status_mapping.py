import grpc
import pytest
from google.rpc import code_pb2, error_details_pb2

from crm_platform.errors import (
    AlreadyExists,
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)
from crm_platform.grpc_server.status_mapping import status_code_of, status_of


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (NotFound("no such lead"), grpc.StatusCode.NOT_FOUND),
        (InvalidArgument("bad"), grpc.StatusCode.INVALID_ARGUMENT),
        (FailedPrecondition("closed deal"), grpc.StatusCode.FAILED_PRECONDITION),
        (AlreadyExists("converted"), grpc.StatusCode.ALREADY_EXISTS),
        (PermissionDenied("no"), grpc.StatusCode.PERMISSION_DENIED),
    ],
)
def test_each_domain_error_has_its_code(error, code):
    assert status_code_of(error) is code
    assert status_of(error).code == getattr(code_pb2, code.name)


def test_field_violations_travel_as_bad_request_details():
    error = InvalidArgument(
        "2 fields", [FieldViolation("email", "not an address"), FieldViolation("source", "unknown")]
    )
    [detail] = status_of(error).details
    bad_request = error_details_pb2.BadRequest()
    assert detail.Unpack(bad_request)
    assert [(v.field, v.description) for v in bad_request.field_violations] == [
        ("email", "not an address"),
        ("source", "unknown"),
    ]
