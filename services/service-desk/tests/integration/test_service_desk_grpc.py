"""The service-desk gRPC API end to end: a real server on a real database."""

from __future__ import annotations

from datetime import UTC, datetime

import grpc
import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from crm.service_desk.v1 import service_desk_pb2, service_desk_pb2_grpc
from crm_platform.grpc_metadata import as_caller
from crm_platform.grpc_server.status_mapping import field_violations

CALLER = as_caller("u1", "service")
DUE = datetime(2026, 3, 8, 1, 0, tzinfo=UTC)


def test_schedule_then_get(
    stub: service_desk_pb2_grpc.ServiceDeskServiceStub, sales_server
) -> None:
    customer_id, contact_id = sales_server.customer_id, sales_server.contact_id
    due_at = Timestamp()
    due_at.FromDatetime(DUE)
    scheduled = stub.ScheduleFollowUp(
        service_desk_pb2.ScheduleFollowUpRequest(
            customer_id=customer_id,
            contact_id=contact_id,
            subject="Check the installation",
            due_at=due_at,
        ),
        metadata=CALLER,
    )

    fetched = stub.GetFollowUp(
        service_desk_pb2.GetFollowUpRequest(id=scheduled.id), metadata=CALLER
    )

    assert fetched == scheduled
    assert (fetched.owner_id, fetched.priority, fetched.state) == ("u1", "normal", "scheduled")
    assert (fetched.customer_id, fetched.contact_id, fetched.deal_id) == (
        customer_id,
        contact_id,
        "",
    )
    assert fetched.due_at.ToDatetime(tzinfo=UTC) == DUE
    assert fetched.created_at.seconds > 0


def test_bad_input_is_invalid_argument_with_every_field(
    stub: service_desk_pb2_grpc.ServiceDeskServiceStub,
) -> None:
    with pytest.raises(grpc.RpcError) as refused:
        stub.ScheduleFollowUp(
            service_desk_pb2.ScheduleFollowUpRequest(priority="asap"), metadata=CALLER
        )

    assert refused.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert dict(field_violations(refused.value)) == {
        "customer_id": "is required",
        "subject": "is required",
        "due_at": "is required",
        "priority": "must be one of: low, normal, high, urgent",
    }


def test_an_unknown_id_is_not_found(stub: service_desk_pb2_grpc.ServiceDeskServiceStub) -> None:
    with pytest.raises(grpc.RpcError) as missing:
        stub.GetFollowUp(service_desk_pb2.GetFollowUpRequest(id="nope"), metadata=CALLER)

    assert missing.value.code() is grpc.StatusCode.NOT_FOUND
