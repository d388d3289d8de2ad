"""The authorization matrix over gRPC, on the services' own ports: every method of marketing,
the service desk, reporting and activities x the five roles and an anonymous caller (the table in
authorization_grpc_table.py), and a client that reaches a service port directly cannot act as
someone else: identities travel only as tokens the gateway signed, for a minute."""

from __future__ import annotations

import base64
import json
import os

import grpc
import pytest
import requests
from e2e.authorization_grpc_table import CODES, GRPC_TABLE
from e2e.authorization_world import CALLERS, ROLE_OF, seed_world

from crm.activities.v1 import activities_pb2, activities_pb2_grpc
from crm.marketing.v1 import marketing_pb2, marketing_pb2_grpc
from crm.reporting.v1 import reporting_pb2, reporting_pb2_grpc
from crm.sales.v1 import sales_pb2, sales_pb2_grpc
from crm.service_desk.v1 import service_desk_pb2, service_desk_pb2_grpc
from crm_platform.grpc_metadata import as_caller
from crm_platform.identity_token import IdentitySigner, generate_key_pair
from crm_platform.request_context import Identity

SERVICES = {
    # name: (port name in the stack, stub, the service's descriptor)
    "marketing": ("marketing", marketing_pb2_grpc.MarketingServiceStub,
                  marketing_pb2.DESCRIPTOR.services_by_name["MarketingService"]),
    "service-desk": ("desk", service_desk_pb2_grpc.ServiceDeskServiceStub,
                     service_desk_pb2.DESCRIPTOR.services_by_name["ServiceDeskService"]),
    "reporting": ("reporting", reporting_pb2_grpc.ReportingServiceStub,
                  reporting_pb2.DESCRIPTOR.services_by_name["ReportingService"]),
    "activities": ("activities", activities_pb2_grpc.ActivitiesServiceStub,
                   activities_pb2.DESCRIPTOR.services_by_name["ActivitiesService"]),
}  # fmt: skip


@pytest.fixture(scope="module")
def world(stack):
    return seed_world(stack)


@pytest.fixture(scope="module")
def stubs(stack):
    channels = {
        name: grpc.insecure_channel(f"127.0.0.1:{stack.ports[port]}")
        for name, (port, _, _) in SERVICES.items()
    }
    yield {name: SERVICES[name][1](channel) for name, channel in channels.items()}
    for channel in channels.values():
        channel.close()


def test_every_grpc_method_has_a_row():
    methods = {
        (name, method.name)
        for name, (_, _, descriptor) in SERVICES.items()
        for method in descriptor.methods
    }
    assert not sorted(methods - GRPC_TABLE.keys()), "gRPC methods without a row in GRPC_TABLE"
    assert not sorted(GRPC_TABLE.keys() - methods), "rows for methods the protos no longer have"


def test_the_grpc_authorization_matrix(world, stubs):
    mismatches = []
    for (service, method), (expected_row, build) in GRPC_TABLE.items():
        expected = dict(zip(CALLERS, expected_row.split(), strict=True))
        for caller in CALLERS:
            metadata = (
                () if caller == "anonymous" else as_caller(world.user_ids[caller], ROLE_OF[caller])
            )
            got, detail = _call(getattr(stubs[service], method), build(world, caller), metadata)
            if got != CODES[expected[caller]]:
                mismatches.append(
                    f"{service:12} {method:20} {caller:9} expected {CODES[expected[caller]]:>17}"
                    f" got {got}  {detail[:120]}"
                )
    assert not mismatches, f"{len(mismatches)} mismatches:\n" + "\n".join(mismatches)


def _call(rpc, request, metadata) -> tuple[str, str]:
    try:
        answer = rpc(request, metadata=metadata, timeout=10)
        if hasattr(answer, "__next__"):  # a server stream: read it to its end
            list(answer)
        return "OK", ""
    except grpc.RpcError as error:
        return error.code().name, error.details() or ""


# ---- a client on a service port cannot act as someone else ----------------------------------


def _forged_tokens(world) -> dict[str, str]:
    """Tokens an attacker can make: their own key's, a genuine rep B token with its roles
    widened to admin, and a genuine one replayed after it expired."""
    rep_b = Identity(world.user_ids["rep_b"], frozenset({"sales"}))
    genuine = dict(as_caller(rep_b.user_id, "sales"))["authorization"].removeprefix("Bearer ")
    header, payload, signature = genuine.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    widened = json.dumps({**claims, "sub": world.user_ids["rep_a"], "roles": ["admin"]})
    widened_payload = base64.urlsafe_b64encode(widened.encode()).rstrip(b"=").decode()
    own_key = IdentitySigner.gateway(generate_key_pair()[0])
    admin = Identity(world.user_ids["admin"], frozenset({"admin"}))
    expired = IdentitySigner.gateway(os.environ["GATEWAY_IDENTITY_SIGNING_KEY"]).sign(admin, now=0)
    return {
        "own-key": own_key.sign(admin),
        "widened-roles": f"{header}.{widened_payload}.{signature}",
        "expired": expired,
    }


def test_a_direct_caller_cannot_act_as_someone_else(stack, world, stubs):
    with grpc.insecure_channel(f"127.0.0.1:{stack.ports['sales']}") as channel:
        sales = sales_pb2_grpc.SalesServiceStub(channel)
        get_lead = sales_pb2.GetRequest(id=world.ids["lead"])
        get_ticket = service_desk_pb2.GetTicketRequest(id=world.ids["ticket"])
        calls = {
            "sales": lambda md: sales.GetLead(get_lead, metadata=md, timeout=5),
            "marketing": lambda md: stubs["marketing"].ListCampaigns(
                marketing_pb2.ListCampaignsRequest(), metadata=md, timeout=5
            ),
            "service-desk": lambda md: stubs["service-desk"].GetTicket(
                get_ticket, metadata=md, timeout=5
            ),
            "reporting": lambda md: stubs["reporting"].GetLeadReport(
                reporting_pb2.LeadReportRequest(), metadata=md, timeout=5
            ),
            "activities": lambda md: stubs["activities"].ListTasks(
                activities_pb2.ListTasksRequest(), metadata=md, timeout=5
            ),
        }
        # the headers that named the caller before identities were signed now name no one
        plain = (("x-crm-user-id", world.user_ids["admin"]), ("x-crm-roles", "admin"))
        for service, call in calls.items():
            with pytest.raises(grpc.RpcError) as refused:
                call(plain)
            assert refused.value.code() in (
                grpc.StatusCode.UNAUTHENTICATED,
                grpc.StatusCode.PERMISSION_DENIED,  # reporting: no role is no report
            ), service
            for name, token in _forged_tokens(world).items():
                with pytest.raises(grpc.RpcError) as refused:
                    call((("authorization", f"Bearer {token}"),))
                assert refused.value.code() is grpc.StatusCode.UNAUTHENTICATED, (service, name)
        # the same calls signed as the gateway signs them go through
        admin = as_caller(world.user_ids["admin"], "admin")
        for call in calls.values():
            call(admin)


# ---- an enterprise system: API token on REST, signed identity on gRPC -----------------------


def test_an_integration_calls_rest_with_its_api_token_and_grpc_with_a_signed_identity(stack, world):
    admin, erp_id = world.admin, world.ids["integration_user"]
    issued = admin.request("POST", f"/api/v1/users/{erp_id}/api-tokens", json={"name": "ERP"})
    assert issued.status_code == 201, issued.text
    bearer = {"Authorization": f"Bearer {issued.json()['token']}"}

    # REST, as the integration account (roles integration + sales): its own lead
    lead = requests.post(
        f"{stack.base_url}/api/v1/leads",
        json={"full_name": "Erp Lead", "source": "chat"},
        headers=bearer,
        timeout=10,
    )
    assert lead.status_code == 201, lead.text
    exchanged = requests.post(
        f"{stack.base_url}/api/v1/auth/service-token", headers=bearer, timeout=10
    )
    assert exchanged.status_code == 200, exchanged.text
    signed = (("authorization", f"Bearer {exchanged.json()['access_token']}"),)
    with grpc.insecure_channel(f"127.0.0.1:{stack.ports['sales']}") as channel:
        sales = sales_pb2_grpc.SalesServiceStub(channel)
        got = sales.GetLead(sales_pb2.GetRequest(id=lead.json()["id"]), metadata=signed, timeout=5)
        assert got.owner_id == erp_id
        # the same rules as on REST: rep A's lead is not the integration's to see
        with pytest.raises(grpc.RpcError) as hidden:
            sales.GetLead(sales_pb2.GetRequest(id=world.ids["lead"]), metadata=signed, timeout=5)
        assert hidden.value.code() is grpc.StatusCode.NOT_FOUND
    # revoked, the API token gets nothing more
    token_id = issued.json()["id"]
    revoked = admin.request("DELETE", f"/api/v1/users/{erp_id}/api-tokens/{token_id}")
    assert revoked.status_code == 204
    again = requests.post(f"{stack.base_url}/api/v1/auth/service-token", headers=bearer, timeout=10)
    assert again.status_code == 401
