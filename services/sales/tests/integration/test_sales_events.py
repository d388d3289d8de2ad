"""Sales' events reach a real Kafka broker once each, in their envelopes, through the outbox;
and a conversion that fails half way leaves nothing behind."""

from __future__ import annotations

import pytest
from kafka import KafkaConsumer, TopicPartition
from sqlalchemy import func, select

from crm.events.v1 import sales_events_pb2 as events
from crm_platform.envelope import parse_envelope, unpack
from crm_platform.kafka_clients import make_producer
from crm_platform.outbox.relay import OutboxRelay
from crm_platform.outbox.tables import outbox
from crm_platform.request_context import Identity, bound
from crm_platform.topics import create_topics
from sales.adapters.deal_repository import DealRepository
from sales.adapters.tables import ContactRow, CustomerRow, DealRow, NoteRow
from sales.service.conversion import convert_lead
from sales.service.deal_moves import move_deal
from sales.service.deals import delete_deal, update_deal
from sales.service.leads import (
    bind_campaign,
    create_lead,
    delete_lead,
    get_lead,
    unbind_campaign,
    update_lead,
)
from sales.service.notes import add_note

REP = Identity("rep-1", frozenset({"sales"}))
TOPICS = [
    "sales.lead-created",
    "sales.lead-converted",
    "sales.deal-stage-changed",
    "sales.deal-closed",
]
DEAL = {"name": "Cranes", "amount": "12500.00", "currency": "EUR"}


def read_topic(bootstrap: str, topic: str) -> list:
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, consumer_timeout_ms=3000)
    partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
    consumer.assign(partitions)
    consumer.seek_to_beginning()
    messages = list(consumer)
    consumer.close()
    return messages


def test_each_event_arrives_once_with_its_envelope(
    kafka_broker, new_uow, session_factory, campaigns, campaign_id
):
    create_topics(kafka_broker.bootstrap_servers)  # a conversion publishes to more than TOPICS
    with bound(REP, "corr-sales"):
        lead = create_lead(
            new_uow(), campaigns, {"full_name": "Ada", "campaign_ids": [campaign_id]}
        )
        converted = convert_lead(new_uow(), campaigns, lead.id, DEAL)
        deal_id = converted.deal.id
        move_deal(new_uow(), deal_id, "closed_won")

    producer = make_producer(kafka_broker.bootstrap_servers, "sales-test")
    try:
        # The five of TOPICS, and the new customer and its contact for the timeline.
        assert OutboxRelay(session_factory, producer).relay_once() == 7
    finally:
        producer.close(timeout=5)

    # Topics are shared by the session: keep only this test's aggregates.
    mine = {lead.id, deal_id}
    received = {
        topic: [
            m for m in read_topic(kafka_broker.bootstrap_servers, topic) if m.key.decode() in mine
        ]
        for topic in TOPICS
    }
    assert {t: len(ms) for t, ms in received.items()} == {
        "sales.lead-created": 1,
        "sales.lead-converted": 1,
        "sales.deal-stage-changed": 2,
        "sales.deal-closed": 1,
    }
    envelopes = {t: [parse_envelope(m.value) for m in ms] for t, ms in received.items()}
    for topic, found in envelopes.items():
        for envelope in found:
            assert (envelope.producer, envelope.event_type) == ("sales", topic)
            assert (envelope.correlation_id, envelope.actor.user_id) == ("corr-sales", "rep-1")
    assert len({e.event_id for found in envelopes.values() for e in found}) == 5

    created = unpack(envelopes["sales.lead-created"][0], events.LeadCreated)
    assert (created.lead_id, list(created.campaign_ids)) == (lead.id, [campaign_id])
    conversion = unpack(envelopes["sales.lead-converted"][0], events.LeadConverted)
    assert (
        conversion.customer_id,
        conversion.contact_id,
        conversion.deal_id,
        conversion.owner_id,
    ) == (
        converted.customer.id,
        converted.contact.id,
        deal_id,
        "rep-1",
    )
    assert list(conversion.campaign_ids) == [campaign_id]
    moves = [unpack(e, events.DealStageChanged) for e in envelopes["sales.deal-stage-changed"]]
    assert sorted((m.from_stage, m.to_stage, m.probability) for m in moves) == [
        ("", "qualification", 10),
        ("qualification", "closed_won", 100),
    ]
    # Each stage event describes its stage as the domain declares it.
    assert sorted((m.to_stage, m.order, m.closed, m.won) for m in moves) == [
        ("closed_won", 7, True, True),
        ("qualification", 1, False, False),
    ]
    closed = unpack(envelopes["sales.deal-closed"][0], events.DealClosed)
    assert (closed.won, closed.amount.amount, closed.amount.currency) == (True, "12500.00", "EUR")
    assert (closed.order, closed.closed) == (7, True)
    assert (closed.campaign_id, closed.customer_id, closed.contact_id) == (
        campaign_id,
        converted.customer.id,
        converted.contact.id,
    )


EDIT_TOPICS = [
    "sales.deal-changed",
    "sales.deal-deleted",
    "sales.lead-changed",
    "sales.lead-deleted",
    "sales.deal-stage-changed",
]


def relay_all(kafka_broker, session_factory) -> int:
    producer = make_producer(kafka_broker.bootstrap_servers, "sales-test")
    try:
        return OutboxRelay(session_factory, producer).relay_once()
    finally:
        producer.close(timeout=5)


def test_edits_and_deletions_publish_their_events_once(
    kafka_broker, new_uow, session_factory, campaigns, campaign_id
):
    create_topics(kafka_broker.bootstrap_servers)
    with bound(REP, "corr-edit"):
        converted = convert_lead(
            new_uow(), campaigns, create_lead(new_uow(), campaigns, {"full_name": "Ada"}).id, DEAL
        )
        deal_id = converted.deal.id
        lead = create_lead(new_uow(), campaigns, {"full_name": "Bo", "source": "cold_call"})
    relay_all(kafka_broker, session_factory)  # the creations: not what this test reads

    with bound(REP, "corr-edit"):
        update_deal(
            new_uow(),
            campaigns,
            deal_id,
            {"amount": "9000.00", "currency": "USD", "campaign_id": campaign_id,
             "expected_close_date": "2027-03-31"},
        )  # fmt: skip
        update_deal(new_uow(), campaigns, deal_id, {"stage": "proposal"})  # a move only
        delete_deal(new_uow(), deal_id)
        update_lead(new_uow(), campaigns, lead.id, {"source": "partner"})
        bind_campaign(new_uow(), campaigns, lead.id, campaign_id)
        unbind_campaign(new_uow(), lead.id, campaign_id)
        delete_lead(new_uow(), lead.id)
    assert relay_all(kafka_broker, session_factory) == 7

    mine = {lead.id, deal_id}
    envelopes = {
        topic: [
            parse_envelope(m.value)
            for m in read_topic(kafka_broker.bootstrap_servers, topic)
            if m.key.decode() in mine
        ]
        for topic in EDIT_TOPICS
    }
    # The move is a stage change only: no deal-changed for it.
    assert {t: len(found) for t, found in envelopes.items()} == {
        "sales.deal-changed": 1,
        "sales.deal-deleted": 1,
        "sales.lead-changed": 3,
        "sales.lead-deleted": 1,
        "sales.deal-stage-changed": 2,  # the first stage at conversion, then the move
    }
    for topic, found in envelopes.items():
        for envelope in found:
            assert (envelope.producer, envelope.event_type) == ("sales", topic)
            assert (envelope.correlation_id, envelope.actor.user_id) == ("corr-edit", "rep-1")
            assert envelope.aggregate_id in mine

    changed = unpack(envelopes["sales.deal-changed"][0], events.DealChanged)
    assert (changed.deal_id, changed.name, changed.stage, changed.probability) == (
        deal_id,
        "Cranes",
        "qualification",
        10,
    )
    assert (changed.amount.amount, changed.amount.currency) == ("9000.00", "USD")
    assert (changed.order, changed.closed, changed.won) == (1, False, False)
    assert (changed.owner_id, changed.customer_id, changed.contact_id) == (
        "rep-1",
        converted.customer.id,
        converted.contact.id,
    )
    assert (changed.campaign_id, changed.expected_close_date) == (campaign_id, "2027-03-31")
    assert changed.created_at.ToDatetime() < changed.changed_at.ToDatetime()
    deleted = unpack(envelopes["sales.deal-deleted"][0], events.DealDeleted)
    assert deleted.deal_id == deal_id
    assert deleted.deleted_at.ToDatetime() > changed.changed_at.ToDatetime()

    lead_changes = sorted(
        (unpack(e, events.LeadChanged) for e in envelopes["sales.lead-changed"]),
        key=lambda c: c.changed_at.ToDatetime(),
    )
    assert [(c.lead_id, c.source, c.owner_id, list(c.campaign_ids)) for c in lead_changes] == [
        (lead.id, "partner", "rep-1", []),
        (lead.id, "partner", "rep-1", [campaign_id]),
        (lead.id, "partner", "rep-1", []),
    ]
    assert lead_changes[0].state == "not_contacted"
    lead_gone = unpack(envelopes["sales.lead-deleted"][0], events.LeadDeleted)
    assert lead_gone.lead_id == lead.id and lead_gone.deleted_at.seconds > 0


def test_a_conversion_failing_at_the_deal_step_changes_nothing(
    new_uow, session_factory, campaigns, monkeypatch
):
    with bound(REP, ""):
        lead = create_lead(new_uow(), campaigns, {"full_name": "Ada", "company": "Acme"})
        add_note(new_uow(), "lead", lead.id, "call back")

    def broken(self, entry):
        raise RuntimeError("disk full")

    monkeypatch.setattr(DealRepository, "record_history", broken)
    with bound(REP, ""), pytest.raises(RuntimeError):
        convert_lead(new_uow(), campaigns, lead.id, DEAL)

    with session_factory() as session:
        count = lambda row: session.scalar(select(func.count()).select_from(row))  # noqa: E731
        assert [count(r) for r in (CustomerRow, ContactRow, DealRow, NoteRow)] == [0, 0, 0, 1]
        assert count(outbox) == 1  # lead-created only
    with bound(REP, ""):
        assert get_lead(new_uow(), lead.id).state == "not_contacted"
