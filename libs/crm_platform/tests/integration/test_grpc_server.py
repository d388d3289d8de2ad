"""The gRPC bootstrap on a real server: signed identity and correlation id from metadata (a
forged or unsigned identity believed by no one), domain errors as status codes with field
violations, metrics per call, health set to SERVING."""

from __future__ import annotations

import socket
import urllib.request

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from crm.reporting.v1 import reporting_pb2, reporting_pb2_grpc
from crm_platform.errors import FailedPrecondition, FieldViolation, InvalidArgument, NotFound
from crm_platform.grpc_metadata import outgoing_metadata
from crm_platform.grpc_server.server import ServiceBinding, start_server
from crm_platform.grpc_server.status_mapping import field_violations
from crm_platform.identity_token import IdentitySigner, generate_key_pair
from crm_platform.metrics import serve_metrics
from crm_platform.request_context import Identity, current_correlation_id, current_identity

METHOD = "/crm.reporting.v1.ReportingService/GetStatus"


class Scripted(reporting_pb2_grpc.ReportingServiceServicer):
    """Answers with whatever the test put in `outcome`, and remembers who called."""

    def __init__(self) -> None:
        self.outcome: Exception | None = None
        self.seen: list[tuple[str, frozenset[str], str]] = []

    def GetStatus(self, request, context):  # noqa: N802
        identity = current_identity()
        self.seen.append((identity.user_id, identity.roles, current_correlation_id()))
        if self.outcome is not None:
            raise self.outcome
        return reporting_pb2.Status()


@pytest.fixture(scope="module")
def server_and_servicer():
    servicer = Scripted()
    running = start_server(
        "127.0.0.1:0",
        [
            ServiceBinding(
                reporting_pb2_grpc.add_ReportingServiceServicer_to_server,
                servicer,
                "crm.reporting.v1.ReportingService",
            )
        ],
        workers=2,
    )
    channel = grpc.insecure_channel(f"127.0.0.1:{running.port}")
    yield channel, servicer
    channel.close()
    running.stop(0)


def call(channel, metadata=()):
    return reporting_pb2_grpc.ReportingServiceStub(channel).GetStatus(
        reporting_pb2.GetStatusRequest(), metadata=metadata, timeout=5
    )


def test_identity_and_correlation_come_from_metadata(server_and_servicer):
    channel, servicer = server_and_servicer
    servicer.outcome = None
    _, call_info = reporting_pb2_grpc.ReportingServiceStub(channel).GetStatus.with_call(
        reporting_pb2.GetStatusRequest(),
        metadata=outgoing_metadata(Identity("u-9", frozenset({"manager", "sales"})), "c-77"),
        timeout=5,
    )
    assert servicer.seen[-1] == ("u-9", frozenset({"manager", "sales"}), "c-77")
    assert ("x-correlation-id", "c-77") in call_info.trailing_metadata()


def test_plain_identity_headers_make_an_anonymous_caller(server_and_servicer):
    channel, servicer = server_and_servicer
    servicer.outcome = None
    call(channel, (("x-crm-user-id", "admin-1"), ("x-crm-roles", "admin")))
    assert servicer.seen[-1][:2] == ("", frozenset())


@pytest.mark.parametrize(
    "forge",
    [
        # Signed by a key the server does not trust: someone who made their own gateway key.
        lambda identity: IdentitySigner.gateway(generate_key_pair()[0]).sign(identity),
        # Signed by the real key but long expired: a captured token replayed later.
        lambda identity: _gateway_signer().sign(identity, now=0),
        # Roles widened after signing.
        lambda identity: _with_payload_of(
            _gateway_signer().sign(identity),
            _gateway_signer().sign(Identity(identity.user_id, frozenset({"admin"}))),
        ),
        lambda identity: "garbage",
    ],
    ids=["foreign-key", "expired", "tampered-roles", "garbage"],
)
def test_a_forged_identity_is_refused_and_reaches_no_handler(server_and_servicer, forge):
    channel, servicer = server_and_servicer
    servicer.outcome = None
    calls_before = len(servicer.seen)
    token = forge(Identity("u-1", frozenset({"sales"})))
    with pytest.raises(grpc.RpcError) as raised:
        call(channel, (("authorization", f"Bearer {token}"),))
    assert raised.value.code() is grpc.StatusCode.UNAUTHENTICATED
    assert len(servicer.seen) == calls_before


def _gateway_signer() -> IdentitySigner:
    import os

    return IdentitySigner.gateway(os.environ["GATEWAY_IDENTITY_SIGNING_KEY"])


def _with_payload_of(token: str, other: str) -> str:
    header, _, signature = token.split(".")
    return f"{header}.{other.split('.')[1]}.{signature}"


def test_a_call_without_correlation_id_gets_one(server_and_servicer):
    channel, servicer = server_and_servicer
    servicer.outcome = None
    call(channel)
    user_id, roles, correlation_id = servicer.seen[-1]
    assert (user_id, roles) == ("", frozenset())
    assert len(correlation_id) == 32


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (NotFound("no such thing"), grpc.StatusCode.NOT_FOUND),
        (FailedPrecondition("deal is closed"), grpc.StatusCode.FAILED_PRECONDITION),
        (RuntimeError("bug"), grpc.StatusCode.INTERNAL),
    ],
)
def test_errors_become_status_codes(server_and_servicer, error, code):
    channel, servicer = server_and_servicer
    servicer.outcome = error
    with pytest.raises(grpc.RpcError) as raised:
        call(channel)
    assert raised.value.code() is code
    if code is grpc.StatusCode.INTERNAL:
        assert "bug" not in raised.value.details()  # internals do not leak to the caller


def test_invalid_argument_carries_every_field_violation(server_and_servicer):
    channel, servicer = server_and_servicer
    servicer.outcome = InvalidArgument(
        "bad lead", [FieldViolation("email", "not an address"), FieldViolation("source", "unknown")]
    )
    with pytest.raises(grpc.RpcError) as raised:
        call(channel)
    assert raised.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert field_violations(raised.value) == [("email", "not an address"), ("source", "unknown")]


def test_health_is_serving(server_and_servicer):
    channel, _ = server_and_servicer
    health = health_pb2_grpc.HealthStub(channel)
    for service in ("", "crm.reporting.v1.ReportingService"):
        status = health.Check(health_pb2.HealthCheckRequest(service=service), timeout=5).status
        assert status == health_pb2.HealthCheckResponse.SERVING


def test_calls_are_counted_in_metrics(server_and_servicer):
    channel, servicer = server_and_servicer
    servicer.outcome = NotFound("x")
    with pytest.raises(grpc.RpcError):
        call(channel)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    serve_metrics(port)
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
    assert f'crm_grpc_server_handled_total{{code="NOT_FOUND",method="{METHOD}"}}' in text
    assert "crm_grpc_server_handling_seconds_bucket" in text


def test_a_successful_call_logs_at_debug_and_a_refused_one_at_info(server_and_servicer, caplog):
    channel, servicer = server_and_servicer
    caller = outgoing_metadata(Identity("u-5", frozenset({"sales"})), "c-5")
    caplog.set_level("DEBUG", logger="crm_platform.grpc_server.interceptors")
    servicer.outcome = None
    call(channel, caller)
    servicer.outcome = NotFound("no such thing")
    with pytest.raises(grpc.RpcError):
        call(channel, caller)
    records = [r for r in caplog.records if r.getMessage().startswith(METHOD)]
    assert [(r.levelname, r.getMessage().split()[1]) for r in records] == [
        ("DEBUG", "OK"),
        ("INFO", "NOT_FOUND"),
    ]
    assert all(r.user_id == "u-5" for r in records)
