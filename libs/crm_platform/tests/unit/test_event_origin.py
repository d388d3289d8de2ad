"""Issue 24 #13: an event is believed only from the producer its topic declares."""

from __future__ import annotations

import pytest

from crm.events.v1 import sales_events_pb2
from crm_platform.envelope import ForgedEvent, MalformedEvent, build_envelope, check_producer
from crm_platform.topics import DEAL_CLOSED, FOLLOW_UP_SCHEDULED


def envelope(topic: str, producer: str):
    payload = sales_events_pb2.DealClosed(deal_id="d1")
    return build_envelope(topic=topic, aggregate_id="d1", payload=payload, producer=producer)


def test_the_declared_producer_passes():
    check_producer(DEAL_CLOSED.name, envelope(DEAL_CLOSED.name, "sales"))


@pytest.mark.parametrize(
    ("topic", "event_type", "producer"),
    [
        (DEAL_CLOSED.name, DEAL_CLOSED.name, "marketing"),
        (DEAL_CLOSED.name, DEAL_CLOSED.name, ""),
        # sales' own name on a topic that is not sales', and a type moved to another topic
        (FOLLOW_UP_SCHEDULED.name, FOLLOW_UP_SCHEDULED.name, "sales"),
        (FOLLOW_UP_SCHEDULED.name, DEAL_CLOSED.name, "service-desk"),
    ],
)
def test_another_producer_or_topic_is_forged(topic, event_type, producer):
    with pytest.raises(ForgedEvent) as refused:
        check_producer(topic, envelope(event_type, producer))
    assert isinstance(refused.value, MalformedEvent)  # dead-lettered like any unreadable one


def test_an_undeclared_topic_has_no_producer_to_check():
    check_producer("test-1234.lead-created", envelope("test-1234.lead-created", "t"))
