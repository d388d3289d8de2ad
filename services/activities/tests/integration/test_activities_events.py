"""The activities service's events leave through its outbox on PostgreSQL and arrive on Kafka;
each reminder and overdue notice goes out once per task and due time, with two schedulers
running at the same moment, after a restart, and again only when the task is rescheduled."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from activities.domain.commands import NewActivity, NewTask
from activities.entrypoints.scheduler import run_round
from activities.service.activities import log_activity
from activities.service.events import (
    ACTIVITY_LOGGED,
    TASK_COMPLETED,
    TASK_CREATED,
    TASK_DUE,
    TASK_OVERDUE,
)
from activities.service.tasks import complete_task, create_task, update_task
from kafka import KafkaConsumer, TopicPartition
from sqlalchemy import select

from crm.events.v1 import activities_events_pb2 as events
from crm_platform.envelope import parse_envelope, unpack
from crm_platform.outbox.relay import OutboxRelay
from crm_platform.outbox.tables import outbox
from crm_platform.request_context import Identity, bound
from crm_platform.topics import create_topics

REP = Identity("rep-1", frozenset({"sales"}))


def on_topic(bootstrap: str, topic: str, key: str) -> list:
    reader = KafkaConsumer(
        bootstrap_servers=bootstrap, auto_offset_reset="earliest", consumer_timeout_ms=3000
    )
    reader.assign([TopicPartition(topic, p) for p in reader.partitions_for_topic(topic)])
    reader.seek_to_beginning()
    found = [m for m in reader if m.key == key.encode()]
    reader.close()
    return found


def outboxed(session_factory, topic: str) -> list[str]:
    with session_factory() as session:
        return list(session.scalars(select(outbox.c.key).where(outbox.c.topic == topic)))


def test_a_task_and_a_call_arrive_on_kafka_once_in_envelopes_naming_the_rep(
    kafka_broker, pg_uow, pg_session_factory, producer, records, sales_server
) -> None:
    create_topics(kafka_broker.bootstrap_servers)
    with bound(REP, "corr-act-1"):
        task = create_task(
            pg_uow(),
            NewTask(
                subject="Send the quote",
                due_at=datetime.now(UTC) + timedelta(days=2),
                related_type="lead",
                related_id=sales_server.lead_id,
            ),
            records=records,
        )
        complete_task(pg_uow(), task.id, "Sent", records=records)
        call = log_activity(
            pg_uow(),
            NewActivity(kind="call", subject="Pricing", duration_minutes=5),
            records=records,
        )
    relay = OutboxRelay(pg_session_factory, producer)
    assert relay.relay_once() == 3
    assert relay.relay_once() == 0

    bootstrap = kafka_broker.bootstrap_servers
    (created,) = on_topic(bootstrap, TASK_CREATED, task.id)
    envelope = parse_envelope(created.value)
    assert (envelope.producer, envelope.correlation_id) == ("activities", "corr-act-1")
    payload = unpack(envelope, events.TaskCreated)
    assert (payload.owner_id, payload.related_id) == ("rep-1", sales_server.lead_id)
    (completed,) = on_topic(bootstrap, TASK_COMPLETED, task.id)
    assert unpack(parse_envelope(completed.value), events.TaskCompleted).outcome == "Sent"
    (logged,) = on_topic(bootstrap, ACTIVITY_LOGGED, call.id)
    assert unpack(parse_envelope(logged.value), events.ActivityLogged).kind == "call"


def test_two_schedulers_at_once_send_each_reminder_once_and_a_restart_sends_none(
    pg_uow, pg_session_factory, records
) -> None:
    now = datetime.now(UTC)
    with bound(REP, "corr-act-2"):
        due_soon = [
            create_task(
                pg_uow(),
                NewTask(subject=f"Task {i}", due_at=now + timedelta(minutes=10)),
                records=records,
            )
            for i in range(12)
        ]
    at_reminder = now + timedelta(minutes=6)
    start = threading.Barrier(2)

    def scheduler() -> None:
        start.wait()
        run_round(pg_uow, now=at_reminder, batch=5)

    replicas = [threading.Thread(target=scheduler) for _ in range(2)]
    for replica in replicas:
        replica.start()
    for replica in replicas:
        replica.join()
    run_round(pg_uow, now=at_reminder, batch=5)  # restarted: nothing more

    assert sorted(outboxed(pg_session_factory, TASK_DUE)) == sorted(t.id for t in due_soon)
    assert outboxed(pg_session_factory, TASK_OVERDUE) == []

    run_round(pg_uow, now=now + timedelta(minutes=11), batch=5)
    run_round(pg_uow, now=now + timedelta(minutes=12), batch=5)
    assert len(outboxed(pg_session_factory, TASK_OVERDUE)) == 12
    assert len(outboxed(pg_session_factory, TASK_DUE)) == 12

    # Rescheduled: its new due time has a reminder of its own.
    with bound(REP, "corr-act-3"):
        update_task(pg_uow(), due_soon[0].id, {"due_at": now + timedelta(hours=1)}, records=records)
    run_round(pg_uow, now=now + timedelta(minutes=50), batch=5)
    assert outboxed(pg_session_factory, TASK_DUE).count(due_soon[0].id) == 2
