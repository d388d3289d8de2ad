"""TimelineClient against the real reporting service (in-process, on a SQLite file), its read
model filled by reporting's own batch consumer handler: the REST shape, paging, and the
refusal as the gateway's domain error."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from crm.common.v1.money_pb2 import Money
from crm.events.v1 import sales_events_pb2 as sa
from crm.events.v1 import service_desk_events_pb2 as sd
from crm_platform import migrations, topics
from crm_platform.database import make_engine, make_session_factory
from crm_platform.envelope import build_envelope
from crm_platform.errors import NotFound
from crm_platform.grpc_server.server import start_server
from crm_platform.request_context import Identity, bound
from gateway.clients import ServiceClients
from gateway.models.customer_timeline import CustomerTimelineOut
from reporting import bootstrap
from reporting.entrypoints.event_handlers import apply_events
from reporting.settings import ReportingSettings

T0 = datetime(2030, 1, 1, tzinfo=UTC)
NOWHERE = "127.0.0.1:9"


def stamp(hours: int):
    from google.protobuf.timestamp_pb2 import Timestamp

    ts = Timestamp()
    ts.FromDatetime(T0 + timedelta(hours=hours))
    return ts


@pytest.fixture(scope="module")
def customer_id() -> str:
    return str(uuid.uuid4())


@pytest.fixture(scope="module")
def clients(tmp_path_factory, customer_id) -> Iterator[ServiceClients]:
    url = f"sqlite:///{tmp_path_factory.mktemp('reporting') / 'reporting.db'}"
    migrations.upgrade(bootstrap.MIGRATIONS, url)
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    events = [(topics.CUSTOMER_CHANGED, sa.CustomerChanged(
        customer_id=customer_id, name="Xiamen Tea", owner_id="rep-1", tags=["tea"],
        created_at=stamp(0), updated_at=stamp(0)))]  # fmt: skip
    for n in range(30):
        events.append((topics.DEAL_STAGE_CHANGED, sa.DealStageChanged(
            deal_id=f"d{n}", to_stage="qualification", order=1, deal_name=f"Tea {n}",
            amount=Money(amount="30000.00", currency="CNY"), owner_id="rep-1",
            customer_id=customer_id, changed_at=stamp(n + 1), changed_by="rep-1")))  # fmt: skip
    events.append((topics.FOLLOW_UP_OVERDUE, sd.FollowUpOverdue(
        follow_up_id="f1", customer_id=customer_id, owner_id="agent-1", subject="Taste",
        due_at=stamp(40), detected_at=stamp(41))))  # fmt: skip
    with sessions() as session:
        apply_events(session, [
            build_envelope(topic=t.name, aggregate_id="k", payload=p, producer=t.producer)
            for t, p in events
        ])  # fmt: skip
        session.commit()
    config = ReportingSettings(database_url=url, grpc_address="127.0.0.1:0")
    server = start_server("127.0.0.1:0", bootstrap.grpc_bindings(config, sessions), workers=2)
    addresses = dict.fromkeys(("sales", "marketing", "service-desk"), NOWHERE)
    connected = ServiceClients.connect(
        addresses | {"reporting": f"127.0.0.1:{server.port}"}, deadline_seconds=5
    )
    yield connected
    connected.close()
    server.stop(grace=0)
    engine.dispose()


def as_user(user_id: str, *roles: str):
    return bound(Identity(user_id, frozenset(roles)), "test")


def test_a_page_in_the_rest_shape_newest_first_then_the_next(clients, customer_id):
    with as_user("boss", "manager"):
        first = clients.timeline.customer_timeline(customer_id, page_size=20)
        rest = clients.timeline.customer_timeline(customer_id, page_token=first.next_page_token)
    assert isinstance(first, CustomerTimelineOut) and first.total == 31
    assert first.customer.name == "Xiamen Tea" and first.customer.tags == ["tea"]
    assert len(first.entries) == 20 and len(rest.entries) == 11 and rest.next_page_token is None
    overdue, newest_deal = first.entries[:2]
    assert (overdue.kind, overdue.flagged, overdue.amount, overdue.score) == (
        "follow_up", True, None, None)  # fmt: skip
    assert overdue.due_at == T0 + timedelta(hours=40)
    assert (newest_deal.kind, newest_deal.title, newest_deal.amount, newest_deal.currency) == (
        "deal", "Tea 29", "30000.00", "CNY")  # fmt: skip
    assert first.counts["deals"] == 30 and first.counts["follow_ups"] == 1
    assert first.average_score is None and first.missing == [] and not first.truncated
    # The model serialises as GET /api/v1/customers/{id}/timeline answers.
    body = first.model_dump(mode="json")
    assert body["entries"][1]["actor_id"] == "rep-1" and body["entries"][0]["score"] is None


def test_a_customer_the_caller_may_not_see_is_not_found(clients, customer_id):
    with as_user("rep-2", "sales"), pytest.raises(NotFound):
        clients.timeline.customer_timeline(customer_id)
    with as_user("agent-1", "service"):
        seen = clients.timeline.customer_timeline(customer_id)
    assert [e.kind for e in seen.entries] == ["follow_up"] and seen.counts["deals"] == 0
