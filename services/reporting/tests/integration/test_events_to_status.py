"""Events published by another service reach reporting through the real broker and show in
its status over gRPC, each applied once."""

import uuid

import grpc
import pytest
from kafka import KafkaConsumer, TopicPartition
from tenacity import retry, stop_after_delay, wait_fixed

from crm.events.v1 import sales_events_pb2
from crm.reporting.v1 import reporting_pb2, reporting_pb2_grpc
from crm_platform import migrations
from crm_platform.consumer import EventConsumer
from crm_platform.database import make_engine, make_session_factory
from crm_platform.grpc_server.server import start_server
from crm_platform.kafka_clients import make_producer
from crm_platform.outbox.relay import OutboxRelay
from crm_platform.outbox.tables import platform_metadata
from crm_platform.topics import create_topics
from crm_platform.unit_of_work import UnitOfWork
from reporting.bootstrap import MIGRATIONS, grpc_bindings
from reporting.entrypoints.event_handlers import event_handlers
from reporting.settings import ReportingSettings


@pytest.fixture
def reporting_db(tmp_path):
    url = f"sqlite:///{tmp_path / 'reporting.db'}"
    migrations.upgrade(MIGRATIONS, url)
    engine = make_engine(url)
    yield url, make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def publisher_db(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'sales.db'}")
    platform_metadata.create_all(engine)
    yield make_session_factory(engine)
    engine.dispose()


@retry(stop=stop_after_delay(60), wait=wait_fixed(0.2), reraise=True)
def partitions_of(kafka: KafkaConsumer, topics: list[str]) -> list[TopicPartition]:
    found = []
    for topic in topics:
        numbers = kafka.partitions_for_topic(topic)
        assert numbers, f"no partitions known yet for {topic}"
        found += [TopicPartition(topic, number) for number in numbers]
    return found


def test_published_events_show_in_status(kafka_broker, reporting_db, publisher_db):
    url, session_factory = reporting_db
    bootstrap = kafka_broker.bootstrap_servers
    create_topics(bootstrap)
    producer = make_producer(bootstrap, "test")
    handlers = event_handlers(None)
    # The session's broker is shared and other tests' events are on these topics already: the
    # consumer is given every partition and starts at its end (no group join, which can also
    # see freshly created topics without partitions), so only this test's events arrive.
    kafka = KafkaConsumer(
        bootstrap_servers=bootstrap.split(","),
        group_id=f"reporting-{uuid.uuid4().hex[:6]}",
        client_id="t",
        enable_auto_commit=False,
        isolation_level="read_committed",
    )
    kafka.assign(partitions_of(kafka, sorted(handlers)))
    kafka.seek_to_end()
    for partition in kafka.assignment():
        kafka.position(partition)  # the end, resolved now: before this test publishes
    consumer = EventConsumer(kafka, producer, session_factory, handlers, poll_timeout_ms=200)
    settings = ReportingSettings(database_url=url, grpc_address="127.0.0.1:0")
    server = start_server("127.0.0.1:0", grpc_bindings(settings, session_factory))
    channel = grpc.insecure_channel(f"127.0.0.1:{server.port}")
    stub = reporting_pb2_grpc.ReportingServiceStub(channel)

    def applied() -> dict[str, int]:
        status = stub.GetStatus(reporting_pb2.GetStatusRequest(), timeout=5)
        return {t.topic: t.events_applied for t in status.topics}

    lead_id = str(uuid.uuid4())
    try:
        before = applied()
        with UnitOfWork(publisher_db, "sales") as uow:
            uow.publish(
                "sales.lead-created", lead_id, sales_events_pb2.LeadCreated(lead_id=lead_id)
            )
            uow.publish(
                "sales.lead-converted", lead_id, sales_events_pb2.LeadConverted(lead_id=lead_id)
            )
            uow.commit()
        OutboxRelay(publisher_db, producer).relay_once()

        @retry(stop=stop_after_delay(30), wait=wait_fixed(0), reraise=True)
        def both_applied() -> None:
            consumer.poll_once()
            counts = applied()
            for topic in ("sales.lead-created", "sales.lead-converted"):
                assert counts.get(topic, 0) > before.get(topic, 0)

        both_applied()
        for _ in range(3):
            consumer.poll_once()
        after = applied()
        status = stub.GetStatus(reporting_pb2.GetStatusRequest(), timeout=5)
    finally:
        consumer.close()
        channel.close()
        server.stop(0)
        producer.close(timeout=5)
    for topic in ("sales.lead-created", "sales.lead-converted"):
        assert after[topic] - before.get(topic, 0) == 1, topic
    assert status.HasField("as_of")
