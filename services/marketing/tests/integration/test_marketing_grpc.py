"""The marketing gRPC API end to end: a real server on a real database."""

from __future__ import annotations

import grpc
import pytest

from crm.marketing.v1 import marketing_pb2, marketing_pb2_grpc
from crm_platform.grpc_server.status_mapping import field_violations

CALLER = (("x-crm-user-id", "u1"), ("x-crm-roles", "marketing"))


def test_create_then_get(stub: marketing_pb2_grpc.MarketingServiceStub) -> None:
    created = stub.CreateCampaign(
        marketing_pb2.CreateCampaignRequest(
            name="Spring expo",
            type="trade_show",
            start_date="2026-04-01",
            end_date="2026-04-03",
            budget="12500",
            currency="EUR",
            description="Hall 4",
        ),
        metadata=CALLER,
    )

    fetched = stub.GetCampaign(marketing_pb2.GetCampaignRequest(id=created.id), metadata=CALLER)

    assert fetched == created
    assert (fetched.owner_id, fetched.status) == ("u1", "planned")
    assert (fetched.start_date, fetched.end_date) == ("2026-04-01", "2026-04-03")
    assert (fetched.budget.amount, fetched.budget.currency) == ("12500.00", "EUR")
    assert not fetched.HasField("actual_cost")
    assert fetched.created_at.seconds > 0
    assert fetched.created_at == fetched.updated_at


def test_bad_input_is_invalid_argument_with_every_field(
    stub: marketing_pb2_grpc.MarketingServiceStub,
) -> None:
    request = marketing_pb2.CreateCampaignRequest(
        name="", type="billboard", start_date="2026-04-03", end_date="2026-04-01", budget="-5"
    )

    with pytest.raises(grpc.RpcError) as refused:
        stub.CreateCampaign(request, metadata=CALLER)

    assert refused.value.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert {field for field, _ in field_violations(refused.value)} == {
        "name",
        "type",
        "end_date",
        "budget",
        "currency",
    }


def test_an_unknown_id_is_not_found(stub: marketing_pb2_grpc.MarketingServiceStub) -> None:
    with pytest.raises(grpc.RpcError) as missing:
        stub.GetCampaign(marketing_pb2.GetCampaignRequest(id="nope"), metadata=CALLER)

    assert missing.value.code() is grpc.StatusCode.NOT_FOUND
