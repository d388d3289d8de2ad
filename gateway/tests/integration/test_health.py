from concurrent import futures

import grpc
import pytest
from grpc_health.v1 import health, health_pb2, health_pb2_grpc


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


def test_readyz_lists_what_is_down(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json() == {
        "status": "unavailable",
        "checks": {
            "marketing": "unreachable",
            "sales": "unreachable",
            "service-desk": "unreachable",
            "reporting": "unreachable",
            "kafka": "unreachable",
        },
    }


def test_readyz_with_services_up_but_no_broker(make_app, serving_services):
    response = make_app(**serving_services).test_client().get("/readyz")
    assert response.status_code == 503
    checks = response.get_json()["checks"]
    assert checks == {
        "marketing": "SERVING",
        "sales": "SERVING",
        "service-desk": "SERVING",
        "reporting": "SERVING",
        "kafka": "unreachable",
    }


def test_readyz_when_everything_is_up(make_app, serving_services, kafka_broker):
    app = make_app(
        **serving_services,
        kafka_bootstrap_servers=kafka_broker.bootstrap_servers,
        readiness_timeout_seconds=5,
    )
    response = app.test_client().get("/readyz")
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["status"] == "ok"
