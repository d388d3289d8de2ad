"""Reporting's replay, timed without the whole stack: N seeded events published to a broker,
then replayed (the code `crm-reporting rebuild` runs) into a fresh SQLite file.

    .venv/bin/python bench/replay_speed.py --events 20000            # starts its own broker
    .venv/bin/python bench/replay_speed.py --bootstrap 127.0.0.1:9092 --events 20000
    .venv/bin/python bench/replay_speed.py --bootstrap 127.0.0.1:9092 --no-publish --postgres

The mix is a sales-heavy day: leads created and converted, deals through their stages and
closed, campaigns restated, tickets changed; several events per object, as in real topics,
so the folds read back what they wrote. With --bootstrap the broker must hold no other events
on the event topics (they would be replayed too, and counted). Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
import uuid
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path

from google.protobuf.timestamp_pb2 import Timestamp
from kafka import TopicPartition

from crm.common.v1.money_pb2 import Money
from crm.events.v1 import marketing_events_pb2 as mk
from crm.events.v1 import sales_events_pb2 as sa
from crm.events.v1 import service_desk_events_pb2 as sd
from crm_platform import migrations
from crm_platform.database import make_engine, make_session_factory
from crm_platform.envelope import build_envelope
from crm_platform.kafka_clients import make_producer
from crm_platform.local.kafka_broker import BrokerConfig, KafkaBroker
from crm_platform.local.postgres_cluster import PostgresCluster
from crm_platform.topics import BY_NAME, EVENT_TOPICS, create_topics
from reporting.adapters.kafka_offsets import KafkaOffsets
from reporting.bootstrap import MIGRATIONS
from reporting.entrypoints.replay import replay

ROOT = Path(__file__).resolve().parent.parent


def _stamp(moment: datetime) -> Timestamp:
    ts = Timestamp()
    ts.FromDatetime(moment)
    return ts


def day_of_events(count: int, seed: int = 7):
    """(topic, key, payload) in publishing order; about five events per deal or lead."""
    rng = random.Random(seed)
    start = datetime(2030, 1, 1, tzinfo=UTC)
    campaigns = [str(uuid.UUID(int=rng.getrandbits(128))) for _ in range(50)]
    owners = [f"rep-{i}" for i in range(20)]
    events = []
    for campaign in campaigns:
        events.append(("marketing.campaign-changed", campaign, mk.CampaignChanged(
            campaign_id=campaign, name="C", currency="EUR",
            actual_cost=Money(amount="100.00", currency="EUR"))))  # fmt: skip
    while len(events) < count:
        at = start + timedelta(minutes=len(events))
        lead, deal = (
            str(uuid.UUID(int=rng.getrandbits(128))),
            str(uuid.UUID(int=rng.getrandbits(128))),
        )
        owner, campaign = rng.choice(owners), rng.choice(campaigns)
        money = Money(amount=f"{rng.randrange(100, 9000)}.00", currency="EUR")
        deal_fields = dict(deal_id=deal, owner_id=owner, campaign_id=campaign, amount=money)
        events += [
            ("sales.lead-created", lead, sa.LeadCreated(lead_id=lead, source="web", owner_id=owner,
             campaign_ids=[campaign], created_at=_stamp(at))),
            ("sales.lead-converted", lead, sa.LeadConverted(lead_id=lead, deal_id=deal,
             source="web", owner_id=owner, campaign_ids=[campaign],
             converted_at=_stamp(at + timedelta(hours=1)))),
            ("sales.deal-stage-changed", deal, sa.DealStageChanged(to_stage="qualification",
             changed_at=_stamp(at + timedelta(hours=1)), **deal_fields)),
            ("sales.deal-stage-changed", deal, sa.DealStageChanged(from_stage="qualification",
             to_stage="proposal", changed_at=_stamp(at + timedelta(hours=2)), **deal_fields)),
            ("sales.deal-closed", deal, sa.DealClosed(stage="closed_won", won=True,
             created_at=_stamp(at + timedelta(hours=1)),
             closed_at=_stamp(at + timedelta(hours=3)), **deal_fields)),
            ("service-desk.ticket-changed", deal, sd.TicketChanged(ticket_id=deal,
             action="opened", to_state="new", priority="high",
             created_at=_stamp(at), changed_at=_stamp(at))),
        ]  # fmt: skip
    return events[:count]


def publish(bootstrap: str, count: int) -> None:
    create_topics(bootstrap)
    producer = make_producer(bootstrap, "bench-replay")
    try:
        for topic, key, payload in day_of_events(count):
            envelope = build_envelope(topic=topic, aggregate_id=key, payload=payload,
                                      producer=BY_NAME[topic].producer)  # fmt: skip
            producer.send(topic, key=key.encode(), value=envelope.SerializeToString())
        producer.flush(timeout=120)
    finally:
        producer.close(timeout=10)


def time_replay(bootstrap: str, url: str) -> dict:
    offsets = KafkaOffsets(bootstrap, "bench-replay")
    try:
        end: dict[TopicPartition, int] = offsets.end_offsets(t.name for t in EVENT_TOPICS)
    finally:
        offsets.close()
    migrations.upgrade(MIGRATIONS, url)
    engine = make_engine(url)
    try:
        started, cpu_started = time.perf_counter(), time.process_time()
        read = replay(bootstrap, end, make_session_factory(engine))
        seconds = time.perf_counter() - started
        # On a shared machine the wall time varies with the neighbours' load; the replay's
        # own CPU time much less.
        cpu = time.process_time() - cpu_started
    finally:
        engine.dispose()
    return {
        "events": read,
        "seconds": round(seconds, 2),
        "events_per_second": round(read / seconds),
        "cpu_seconds": round(cpu, 2),
        "events_per_cpu_second": round(read / cpu),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--bootstrap", help="a running broker (default: start one)")
    parser.add_argument("--no-publish", action="store_true", help="replay what is there")
    parser.add_argument(
        "--postgres", action="store_true", help="into PostgreSQL (a throwaway local cluster)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="replay-speed-") as tmp:
        work, broker = Path(tmp), None
        bootstrap = args.bootstrap
        if bootstrap is None:
            classpath = ROOT / "build" / "kafka.classpath"
            broker = KafkaBroker(
                BrokerConfig(
                    data_dir=work / "kafka",
                    classpath_file=classpath,
                    port=_free_port(),
                    controller_port=_free_port(),
                )
            )
            broker.start(stdout=(work / "broker.log").open("wb"))
            bootstrap = broker.bootstrap_servers
        try:
            if not args.no_publish:
                publish(bootstrap, args.events)
            with ExitStack() as cleanup:
                url = f"sqlite:///{work / 'replay.db'}"
                if args.postgres:
                    cluster = cleanup.enter_context(PostgresCluster())
                    url = cluster.create_database("replay")
                result = time_replay(bootstrap, url)
            print(json.dumps({"database": url.split(":")[0], **result}))
        finally:
            if broker is not None:
                broker.stop()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


if __name__ == "__main__":
    main()
