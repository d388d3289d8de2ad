"""`crm-gateway relay`: the gateway's outbox sent to Kafka by the platform's relay, as every
other producer's is (its events: gateway.user-changed)."""

from __future__ import annotations

import logging
import signal
import threading

from crm_platform.database import make_engine, make_session_factory
from crm_platform.kafka_clients import make_producer
from crm_platform.outbox.relay import OutboxRelay
from crm_platform.topics import Topic, await_topics, create_topics, dead_letter_topic
from gateway.settings import GatewaySettings

log = logging.getLogger(__name__)

# The gateway's topic, not yet among crm_platform.topics' declarations (another helper's
# file): until it is, the relay creates it itself where it may create topics.
USER_CHANGED = "gateway.user-changed"
OWN_TOPICS = [Topic(USER_CHANGED), Topic(dead_letter_topic(USER_CHANGED), partitions=1)]


def run_relay(settings: GatewaySettings) -> None:
    await_topics(settings.kafka_bootstrap_servers, settings.kafka_create_topics)
    if settings.kafka_create_topics:
        create_topics(settings.kafka_bootstrap_servers, OWN_TOPICS)
    engine = make_engine(settings.database_url)
    producer = make_producer(settings.kafka_bootstrap_servers, "gateway-relay")
    relay = OutboxRelay(make_session_factory(engine), producer)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    log.info("gateway outbox relay started")
    relay.run(stop)
    producer.close(timeout=10)
    engine.dispose()
