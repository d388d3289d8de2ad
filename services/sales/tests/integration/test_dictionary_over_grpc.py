"""The dictionary as the first migration seeds it, served by the real gRPC server."""

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from crm.sales.v1 import sales_pb2, sales_pb2_grpc
from crm_platform import migrations
from crm_platform.database import make_engine, make_session_factory
from crm_platform.grpc_metadata import as_caller
from crm_platform.grpc_server.server import start_server
from sales.bootstrap import MIGRATIONS, grpc_bindings
from sales.settings import SalesSettings

EXPECTED_STAGES = [
    ("qualification", 10, False, False),
    ("needs_analysis", 25, False, False),
    ("value_proposition", 40, False, False),
    ("decision_makers", 60, False, False),
    ("proposal", 80, False, False),
    ("negotiation", 90, False, False),
    ("closed_won", 100, True, True),
    ("closed_lost", 0, True, False),
    ("lost_to_competitor", 0, True, False),
]


@pytest.fixture
def channel(tmp_path):
    url = f"sqlite:///{tmp_path / 'sales.db'}"
    migrations.upgrade(MIGRATIONS, url)
    engine = make_engine(url)
    settings = SalesSettings(database_url=url, grpc_address="127.0.0.1:0")
    server = start_server("127.0.0.1:0", grpc_bindings(settings, make_session_factory(engine)))
    with grpc.insecure_channel(f"127.0.0.1:{server.port}") as ch:
        yield ch
    server.stop(0)
    engine.dispose()


def test_nine_stages_in_order_with_probabilities(channel):
    dictionary = sales_pb2_grpc.SalesServiceStub(channel).GetDictionary(
        sales_pb2.GetDictionaryRequest(), metadata=as_caller("u1"), timeout=5
    )
    assert [(s.code, s.probability, s.closed, s.won) for s in dictionary.deal_stages] == (
        EXPECTED_STAGES
    )
    assert [s.order for s in dictionary.deal_stages] == list(range(1, 10))


def test_every_list_is_seeded(channel):
    dictionary = sales_pb2_grpc.SalesServiceStub(channel).GetDictionary(
        sales_pb2.GetDictionaryRequest(), timeout=5
    )
    assert len(dictionary.lead_sources) == 14
    assert [e.code for e in dictionary.lead_states] == [
        "not_contacted", "attempted_contact", "contacted", "contact_in_future",
        "pre_qualified", "junk", "lost",
    ]  # fmt: skip
    assert [e.code for e in dictionary.appellations] == ["mr", "ms", "mrs", "dr", "prof"]
    assert [e.code for e in dictionary.deal_types] == ["new_business", "existing_business"]
    assert len(dictionary.campaign_types) == 7
    assert [e.code for e in dictionary.follow_up_priorities] == ["low", "normal", "high", "urgent"]
    assert [e.code for e in dictionary.follow_up_states] == ["scheduled", "done", "cancelled"]


def test_health_and_reflection(channel):
    health = health_pb2_grpc.HealthStub(channel)
    for name in ("", "crm.sales.v1.SalesService"):
        answer = health.Check(health_pb2.HealthCheckRequest(service=name), timeout=5)
        assert answer.status == health_pb2.HealthCheckResponse.SERVING

    from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

    stub = reflection_pb2_grpc.ServerReflectionStub(channel)
    [response] = stub.ServerReflectionInfo(
        iter([reflection_pb2.ServerReflectionRequest(list_services="")]), timeout=5
    )
    names = {s.name for s in response.list_services_response.service}
    assert "crm.sales.v1.SalesService" in names and "grpc.health.v1.Health" in names
