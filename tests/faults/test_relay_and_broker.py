"""kill -9 the sales outbox relay during a burst of deal moves, and the Kafka broker too, for a
while; start both again: every stage change arrives afterwards on sales.deal-stage-changed, in
order per deal (duplicates allowed, as the relay sends at least once; no gaps, no reordering)."""

from __future__ import annotations

import itertools
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

from faults.helpers import new_user, ok
from kafka import KafkaConsumer, TopicPartition
from tenacity import retry, stop_after_delay, wait_fixed

from crm.events.v1 import sales_events_pb2
from crm_platform.envelope import parse_envelope, unpack

DEALS = 10
MOVES = ["needs_analysis", "value_proposition", "decision_makers", "proposal", "negotiation"]
TOPIC = "sales.deal-stage-changed"


def test_events_survive_a_relay_crash_and_a_broker_outage_in_order(stack):
    rep, _ = new_user(stack.base_url, stack.stack.admin_password, ["sales"])
    tag = uuid.uuid4().hex[:8]
    customer = ok(rep.request("POST", "/api/v1/customers", json={"name": f"Relay {tag}"}), 201)
    deals = []
    for i in range(DEALS):
        body = {"name": f"Relayed {tag} {i}", "customer_id": customer["id"], "amount": "5.00",
                "currency": "EUR"}  # fmt: skip
        deals.append(ok(rep.request("POST", "/api/v1/deals", json=body), 201)["id"])

    moved = threading.Semaphore(0)

    def move(deal: str) -> None:
        for stage in MOVES:
            ok(rep.request("POST", f"/api/v1/deals/{deal}:move", json={"stage": stage}))
            moved.release()

    with ThreadPoolExecutor(max_workers=3) as pool:
        work = [pool.submit(move, deal) for deal in deals]
        for _ in range(10):
            assert moved.acquire(timeout=120), "the burst stalled"
        relay = stack.kill9("crm-sales", "relay")
        for _ in range(10):
            assert moved.acquire(timeout=120), "the burst stalled"
        broker = stack.kill9("java")  # the Procfile's kafka line execs the broker's JVM
        broker_down = time.monotonic()
        for done in work:
            done.result(timeout=300)  # sales takes every move without Kafka (the outbox)

    # The relay comes back first and must wait for the broker, not give up.
    relay.restart()
    stack_still_up = stack.stack.process.poll() is None
    assert stack_still_up, "the stack stopped when the broker died"
    threading.Event().wait(max(0.0, 5.0 - (time.monotonic() - broker_down)))  # down >= 5 s
    broker.restart()

    expected = {deal: ["", "qualification", *MOVES] for deal in deals}
    bootstrap = f"127.0.0.1:{stack.stack.ports['kafka']}"
    chains: dict[str, list[tuple[str, str]]] = {deal: [] for deal in deals}
    seen: set[str] = set()

    @retry(stop=stop_after_delay(150), wait=wait_fixed(1), reraise=True)
    def every_event_arrived() -> None:
        for deal in deals:
            chains[deal].clear()
        seen.clear()
        consumer = KafkaConsumer(
            bootstrap_servers=bootstrap,
            enable_auto_commit=False,
            consumer_timeout_ms=3000,
            request_timeout_ms=10_000,
        )
        try:
            partitions = [TopicPartition(TOPIC, p) for p in consumer.partitions_for_topic(TOPIC)]
            consumer.assign(partitions)
            consumer.seek_to_beginning(*partitions)
            ends = consumer.end_offsets(partitions)
            for record in consumer:
                envelope = parse_envelope(record.value)
                change = unpack(envelope, sales_events_pb2.DealStageChanged)
                if change.deal_id in chains and envelope.event_id not in seen:
                    seen.add(envelope.event_id)  # a duplicate sent again after the crash
                    chains[change.deal_id].append((change.from_stage, change.to_stage))
                if all(consumer.position(tp) >= ends[tp] for tp in partitions):
                    break
        finally:
            consumer.close()
        for deal, changes in chains.items():
            stages = [changes[0][0]] + [to for _, to in changes] if changes else []
            assert stages == expected[deal], (deal, changes)
            assert all(a[1] == b[0] for a, b in itertools.pairwise(changes)), changes

    every_event_arrived()
    assert stack.stack.process.poll() is None, "the stack stopped"
