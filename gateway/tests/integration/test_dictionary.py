"""The dictionary route against a real gRPC server on a free local port.

The servicer below is a small stand-in for the sales service, written for this test: the
component under test is the gateway's client side (metadata, deadline, mapping, errors).
"""

from concurrent import futures

import grpc
import pytest

from crm.sales.v1 import sales_pb2, sales_pb2_grpc
from crm_platform.grpc_metadata import identity_from_metadata


class TwoStageSales(sales_pb2_grpc.SalesServiceServicer):
    def __init__(self) -> None:
        self.callers = []

    def GetDictionary(self, request, context):  # noqa: N802 (the generated servicer name)
        self.callers.append(identity_from_metadata(context.invocation_metadata()))
        return sales_pb2.Dictionary(
            deal_stages=[
                sales_pb2.DealStage(
                    code="qualification", name="Qualification", probability=10, order=1
                ),
                sales_pb2.DealStage(
                    code="closed_won",
                    name="Closed won",
                    probability=100,
                    order=7,
                    closed=True,
                    won=True,
                ),
            ],
            lead_sources=[sales_pb2.DictionaryEntry(code="cold_call", name="Cold call", order=0)],
        )


@pytest.fixture
def sales_server():
    servicer = TwoStageSales()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    sales_pb2_grpc.add_SalesServiceServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    yield f"127.0.0.1:{port}", servicer
    server.stop(grace=None)


@pytest.fixture
def sales_client(make_app, sales_server, api):
    address, _ = sales_server
    client = make_app(sales_grpc_address=address).test_client()
    token = api.token("admin", api.admin_password)
    return client, api.bearer(token)


def test_dictionary_comes_from_the_sales_service(sales_client, sales_server):
    client, headers = sales_client
    response = client.get("/api/v1/dictionary", headers={**headers, "X-Correlation-ID": "corr-42"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["deal_stages"] == [
        {
            "code": "qualification",
            "name": "Qualification",
            "probability": 10,
            "order": 1,
            "closed": False,
            "won": False,
        },
        {
            "code": "closed_won",
            "name": "Closed won",
            "probability": 100,
            "order": 7,
            "closed": True,
            "won": True,
        },
    ]
    assert body["lead_sources"] == [{"code": "cold_call", "name": "Cold call", "order": 0}]
    assert body["follow_up_states"] == [] and body["campaign_types"] == []

    identity, correlation_id = sales_server[1].callers[-1]
    assert correlation_id == "corr-42"
    assert identity.roles == frozenset({"admin"}) and identity.user_id


def test_dictionary_needs_a_login(sales_client):
    client, _ = sales_client
    assert client.get("/api/v1/dictionary").status_code == 401


def test_sales_down_is_a_503_problem(client, admin_headers):
    # The default fixture points every service at a port nobody listens on.
    response = client.get("/api/v1/dictionary", headers=admin_headers)
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["status"] == 503
