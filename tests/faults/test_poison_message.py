"""A poison message on sales.deal-closed goes to sales.deal-closed.dlq, the service desk's
consumer goes on (a deal won afterwards still gets its follow-up), and the dead letter shows in
the consumer's metrics."""

from __future__ import annotations

import re
import uuid

import requests
from faults.helpers import SERVICE_DESK_METRICS_PORT, new_user, ok
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from tenacity import retry, stop_after_delay, wait_fixed

TOPIC = "sales.deal-closed"
DEAD_LETTERED = re.compile(
    r'crm_events_consumed_total\{outcome="dead_lettered",topic="sales\.deal-closed"\} (\S+)'
)


def dead_lettered() -> float:
    metrics = requests.get(f"http://127.0.0.1:{SERVICE_DESK_METRICS_PORT}/metrics", timeout=10)
    assert metrics.status_code == 200
    found = DEAD_LETTERED.search(metrics.text)
    return float(found.group(1)) if found else 0.0


def test_a_poison_message_is_dead_lettered_and_the_consumer_goes_on(stack):
    bootstrap = f"127.0.0.1:{stack.stack.ports['kafka']}"
    before = dead_lettered()
    poison = f"not an envelope {uuid.uuid4()}".encode()
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all")
    try:
        producer.send(TOPIC, key=b"poison", value=poison).get(timeout=30)
    finally:
        producer.close(timeout=10)

    rep, _ = new_user(stack.base_url, stack.stack.admin_password, ["sales"])
    agent, _ = new_user(stack.base_url, stack.stack.admin_password, ["service"])
    customer = ok(
        rep.request("POST", "/api/v1/customers", json={"name": f"Won {uuid.uuid4()}"}), 201
    )
    body = {"name": "After the poison", "customer_id": customer["id"], "amount": "1.00",
            "currency": "EUR"}  # fmt: skip
    deal = ok(rep.request("POST", "/api/v1/deals", json=body), 201)
    ok(rep.request("POST", f"/api/v1/deals/{deal['id']}:move", json={"stage": "closed_won"}))

    @retry(stop=stop_after_delay(90), wait=wait_fixed(0.5), reraise=True)
    def follow_up_scheduled() -> None:
        listed = ok(agent.request("GET", f"/api/v1/follow-ups?deal_id={deal['id']}"))
        assert listed["total"] == 1, listed

    follow_up_scheduled()

    @retry(stop=stop_after_delay(30), wait=wait_fixed(0.5), reraise=True)
    def counted() -> None:
        assert dead_lettered() == before + 1

    counted()

    consumer = KafkaConsumer(
        bootstrap_servers=bootstrap, enable_auto_commit=False, consumer_timeout_ms=5000
    )
    try:
        partitions = [
            TopicPartition(f"{TOPIC}.dlq", p) for p in consumer.partitions_for_topic(f"{TOPIC}.dlq")
        ]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        # By position: a fetch that was in flight at the seek may hand a record over twice.
        letters = {(r.partition, r.offset): r for r in consumer if r.value == poison}
    finally:
        consumer.close()
    # Three services consume the topic (service desk, reporting and, since issue 17,
    # notifications): each dead-letters it once.
    assert len(letters) == 3, letters
    for letter in letters.values():
        headers = dict(letter.headers)
        assert headers["dlq-source"].startswith(TOPIC.encode()) and headers["dlq-reason"]
