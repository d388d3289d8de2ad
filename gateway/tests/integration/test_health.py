"""Readiness needs only the gateway's database; /api/v1/status says what else is up."""

from concurrent import futures

import grpc
import pytest
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from prometheus_client import REGISTRY


@pytest.fixture
def serving_services():
    """Four real gRPC servers answering grpc.health.v1 SERVING, one per service."""
    servers, addresses = [], {}
    for name in ("marketing", "sales", "service_desk", "reporting"):
        server = grpc.server(futures.ThreadPoolExecutor(max_workers=1))
        servicer = health.HealthServicer()
        servicer.set("", health_pb2.HealthCheckResponse.SERVING)
        health_pb2_grpc.add_HealthServicer_to_server(servicer, server)
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        servers.append(server)
        addresses[f"{name}_grpc_address"] = f"127.0.0.1:{port}"
    yield addresses
    for server in servers:
        server.stop(grace=None)


def test_healthz_needs_nothing(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


@pytest.fixture
def status(api):
    """`status(app)`: GET /api/v1/status of that app, as its admin."""

    def get(app):
        client = app.test_client()
        token = client.post(
            "/api/v1/auth/login", json={"username": "admin", "password": api.admin_password}
        ).get_json()["access_token"]
        return client.get("/api/v1/status", headers={"Authorization": f"Bearer {token}"})

    return get


def test_readyz_needs_only_the_database_whatever_else_is_down(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "checks": {"database": "ok"}}


def test_the_status_lists_what_is_down(make_app, status):
    response = status(make_app())
    assert response.status_code == 200
    assert response.get_json() == {
        "status": "degraded",
        "checks": {
            "database": "ok",
            "marketing": "unreachable",
            "sales": "unreachable",
            "service-desk": "unreachable",
            "reporting": "unreachable",
            "kafka": "unreachable",
        },
        "down": ["marketing", "sales", "service-desk", "reporting", "kafka"],
    }
    assert REGISTRY.get_sample_value("crm_gateway_part_up", {"part": "kafka"}) == 0
    assert REGISTRY.get_sample_value("crm_gateway_part_up", {"part": "database"}) == 1


def test_the_status_with_services_up_but_no_broker(make_app, serving_services, status):
    app = make_app(**serving_services)
    assert app.test_client().get("/readyz").status_code == 200
    body = status(app).get_json()
    assert body["checks"] == {
        "database": "ok",
        "marketing": "SERVING",
        "sales": "SERVING",
        "service-desk": "SERVING",
        "reporting": "SERVING",
        "kafka": "unreachable",
    }
    assert body["status"] == "degraded" and body["down"] == ["kafka"]
    assert REGISTRY.get_sample_value("crm_gateway_part_up", {"part": "sales"}) == 1


def test_the_status_when_everything_is_up(make_app, serving_services, kafka_broker, status):
    app = make_app(
        **serving_services,
        kafka_bootstrap_servers=kafka_broker.bootstrap_servers,
        readiness_timeout_seconds=5,
    )
    response = status(app)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["status"] == "ok" and response.get_json()["down"] == []


def test_the_status_is_for_admins_only(client, api, create_user):
    assert client.get("/api/v1/status").status_code == 401
    create_user("maria", roles=["manager"])
    refused = client.get("/api/v1/status", headers=api.bearer(api.token("maria", "password-123")))
    assert refused.status_code == 403
    assert refused.content_type == "application/problem+json"
