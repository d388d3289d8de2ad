# ruff: noqa: RUF001 (Chinese texts, Chinese punctuation)
"""Events on the real Kafka broker, read by the platform's consumer with this service's
handlers, become the right users' notifications, readable and marked read over gRPC."""

from __future__ import annotations

import uuid

import grpc
import pytest
from google.protobuf import empty_pb2
from notifications import bootstrap
from notifications.entrypoints.event_handlers import event_handlers
from notifications.entrypoints.user_topic import USER_CHANGED
from notifications.settings import NotificationsSettings
from tenacity import retry, stop_after_delay, wait_fixed

from crm.events.v1 import sales_events_pb2 as sales
from crm.events.v1 import service_desk_events_pb2 as desk
from crm.notifications.v1 import notifications_pb2 as pb
from crm.notifications.v1 import notifications_pb2_grpc
from crm_platform.consumer import EventConsumer
from crm_platform.grpc_metadata import as_caller
from crm_platform.kafka_clients import make_consumer, make_producer
from crm_platform.topics import EVENT_TOPICS, Topic, create_topics

from .conftest import envelope_of, inbox_of, new_user, user_changed


@pytest.fixture
def publish(kafka_broker):
    create_topics(kafka_broker.bootstrap_servers, [*EVENT_TOPICS, Topic(USER_CHANGED)])
    producer = make_producer(kafka_broker.bootstrap_servers, "notifications-test")

    def send(envelope) -> None:
        producer.send(envelope.event_type, key=b"k", value=envelope.SerializeToString())
        producer.flush()

    yield send
    producer.close()


@pytest.fixture
def consumer(kafka_broker, session_factory, publish):
    handlers = event_handlers(NotificationsSettings())
    group = f"notifications-{uuid.uuid4().hex[:6]}"
    made = EventConsumer(
        make_consumer(kafka_broker.bootstrap_servers, group, sorted(handlers), "t"),
        make_producer(kafka_broker.bootstrap_servers, "notifications-dlq"),
        session_factory,
        handlers,
        poll_timeout_ms=200,
        retry_delay=0.1,
    )
    yield made
    made.close()


def consume_until(consumer, check):
    # Generous: a loaded machine (six test runs on two cores) takes its time to join a group.
    @retry(stop=stop_after_delay(120), wait=wait_fixed(0.1), reraise=True)
    def wait():
        consumer.poll_once()
        assert check(), "not yet"

    wait()


def test_a_reassigned_deal_and_a_low_survey_reach_their_users(
    publish, consumer, session_factory, grpc_channel_to
):
    rep, other, manager = new_user(), new_user(), new_user()
    deal = f"deal-{uuid.uuid4().hex[:8]}"
    ticket = f"ticket-{uuid.uuid4().hex[:8]}"
    publish(user_changed(rep, language="zh"))
    # The rep makes their own deal (nothing to tell), then a manager hands it to another.
    made_by_rep = envelope_of(
        "sales.deal-changed",
        sales.DealChanged(deal_id=deal, name="Big deal", owner_id=rep),
        "sales",
    )
    made_by_rep.actor.user_id = rep
    publish(made_by_rep)
    made_by_manager = envelope_of("sales.deal-changed", sales.DealChanged(
        deal_id=deal, name="Big deal", owner_id=other), "sales")  # fmt: skip
    made_by_manager.actor.user_id = manager
    publish(made_by_manager)
    publish(
        envelope_of(
            "service-desk.ticket-changed",
            desk.TicketChanged(
                ticket_id=ticket, action="opened", assignee_id=rep, subject="Printer"
            ),
            "service-desk",
        )
    )
    # Topics are not ordered among themselves: the survey comes once the ticket is known, as
    # it does in life (a survey is sent when the ticket is resolved).
    consume_until(consumer, lambda: len(inbox_of(session_factory, rep)) == 1)
    publish(envelope_of("service-desk.survey-answered", desk.SurveyAnswered(
        survey_id="s", ticket_id=ticket, score=1), "service-desk"))  # fmt: skip

    consume_until(consumer, lambda: len(inbox_of(session_factory, rep)) == 2)
    consume_until(consumer, lambda: len(inbox_of(session_factory, other)) == 1)
    kinds = sorted(row.kind for row in inbox_of(session_factory, rep))
    assert kinds == ["survey_low_score", "ticket_assigned"]
    (assigned,) = inbox_of(session_factory, other)
    assert (assigned.kind, assigned.title, assigned.link) == (
        "deal_assigned",
        "Deal assigned to you: Big deal",
        f"/deals/{deal}",
    )

    channel = grpc_channel_to(bootstrap.grpc_bindings(NotificationsSettings(), session_factory))
    stub = notifications_pb2_grpc.NotificationsServiceStub(channel)
    as_rep = as_caller(rep, "service")
    listed = stub.ListNotifications(pb.ListNotificationsRequest(unread_only=True), metadata=as_rep)
    assert listed.unread == 2
    low = next(n for n in listed.notifications if n.kind == "survey_low_score")
    assert low.title == "满意度评分偏低：Printer"
    assert (low.related_type, low.related_id, low.read) == ("ticket", ticket, False)

    with pytest.raises(grpc.RpcError) as refused:
        stub.MarkRead(pb.MarkReadRequest(id=low.id), metadata=as_caller(other, "sales"))
    assert refused.value.code() == grpc.StatusCode.NOT_FOUND
    assert stub.MarkRead(pb.MarkReadRequest(id=low.id), metadata=as_rep).read
    assert stub.CountUnread(empty_pb2.Empty(), metadata=as_rep).unread == 1
    assert stub.MarkAllRead(empty_pb2.Empty(), metadata=as_rep).marked == 1
    assert stub.CountUnread(empty_pb2.Empty(), metadata=as_rep).unread == 0


def test_settings_are_the_callers_and_checked(session_factory, grpc_channel_to):
    channel = grpc_channel_to(bootstrap.grpc_bindings(NotificationsSettings(), session_factory))
    stub = notifications_pb2_grpc.NotificationsServiceStub(channel)
    me = as_caller(new_user(), "sales")
    defaults = stub.GetSettings(empty_pb2.Empty(), metadata=me)
    assert defaults.email_frequency == "immediate"
    assert {p.channel for p in defaults.preferences} == {"both"} and len(defaults.preferences) == 12
    saved = stub.PutSettings(
        pb.NotificationSettings(
            preferences=[pb.KindPreference(kind="deal_moved", channel="none")],
            email_frequency="daily_digest",
        ),
        metadata=me,
    )
    assert {p.kind: p.channel for p in saved.preferences}["deal_moved"] == "none"
    assert saved.email_frequency == "daily_digest"
    assert stub.GetSettings(empty_pb2.Empty(), metadata=as_caller(new_user())).email_frequency == (
        "immediate"
    )
    for wrong in (
        pb.NotificationSettings(preferences=[pb.KindPreference(kind="x", channel="none")]),
        pb.NotificationSettings(preferences=[pb.KindPreference(kind="deal_moved", channel="sms")]),
        pb.NotificationSettings(email_frequency="weekly"),
    ):
        with pytest.raises(grpc.RpcError) as refused:
            stub.PutSettings(wrong, metadata=me)
        assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    with pytest.raises(grpc.RpcError) as anonymous:
        stub.CountUnread(empty_pb2.Empty())
    assert anonymous.value.code() in (
        grpc.StatusCode.UNAUTHENTICATED,
        grpc.StatusCode.PERMISSION_DENIED,
    )
