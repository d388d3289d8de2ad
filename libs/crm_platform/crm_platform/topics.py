"""The event topics of the CRM, with their partition counts, and the command that creates them.

`python -m crm_platform.topics create` is run before the services start (make up, compose, k8s
job). Topics keep their events forever so that reporting can rebuild from the beginning.
"""

from __future__ import annotations

import argparse
import logging
import os
from dataclasses import dataclass

from kafka import KafkaAdminClient
from kafka.admin import NewTopic
from kafka.errors import KafkaError, TopicAlreadyExistsError
from tenacity import retry, retry_if_exception_type, stop_after_delay, wait_exponential

from crm_platform.kafka_clients import broker_answers

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Topic:
    name: str
    partitions: int = 3


EVENT_TOPICS: tuple[Topic, ...] = (
    Topic("sales.lead-created"),
    Topic("sales.lead-converted"),
    Topic("sales.deal-stage-changed"),
    Topic("sales.deal-closed"),
    Topic("sales.deal-changed"),
    Topic("sales.deal-deleted"),
    Topic("sales.lead-changed"),
    Topic("sales.lead-deleted"),
    Topic("marketing.campaign-changed"),
    Topic("service-desk.follow-up-completed"),
    Topic("service-desk.follow-up-overdue"),
    Topic("service-desk.ticket-changed"),
    Topic("service-desk.survey-answered"),
    Topic("service-desk.follow-up-scheduled"),
    Topic("service-desk.follow-up-cancelled"),
)

# Events are never deleted by age or size: reporting replays them to rebuild its read models.
RETAIN_FOREVER = {"retention.ms": "-1", "retention.bytes": "-1", "cleanup.policy": "delete"}


def dead_letter_topic(topic: str) -> str:
    return f"{topic}.dlq"


def all_topics() -> list[Topic]:
    return [
        *EVENT_TOPICS,
        *(Topic(dead_letter_topic(t.name), partitions=1) for t in EVENT_TOPICS),
    ]


def create_topics(bootstrap_servers: str, topics: list[Topic] | None = None) -> list[str]:
    """Create the topics that do not exist yet; returns the names it created."""
    wanted = topics if topics is not None else all_topics()
    admin = KafkaAdminClient(bootstrap_servers=bootstrap_servers.split(","), client_id="crm-topics")
    try:
        existing = set(admin.list_topics())
        missing = [t for t in wanted if t.name not in existing]
        created = []
        for topic in missing:
            try:
                admin.create_topics(
                    [NewTopic(topic.name, topic.partitions, 1, topic_configs=RETAIN_FOREVER)]
                )
                created.append(topic.name)
            except TopicAlreadyExistsError:
                pass  # another process created it meanwhile
        return created
    finally:
        admin.close()


def await_topics(bootstrap_servers: str, create: bool, timeout: float = 120.0) -> None:
    """Wait for the broker, then create the topics (or, if not ours to create, wait for them)."""

    @retry(
        stop=stop_after_delay(timeout),
        wait=wait_exponential(min=0.2, max=5),
        retry=retry_if_exception_type((KafkaError, OSError, MissingTopics)),
        before_sleep=lambda state: log.info(
            "waiting for Kafka topics: %s", state.outcome.exception()
        ),
        reraise=True,
    )
    def _ensure() -> None:
        if not broker_answers(bootstrap_servers):
            raise OSError(f"no Kafka broker answers at {bootstrap_servers}")
        if create:
            create_topics(bootstrap_servers)
            return
        admin = KafkaAdminClient(
            bootstrap_servers=bootstrap_servers.split(","), client_id="crm-topics"
        )
        try:
            missing = {t.name for t in all_topics()} - set(admin.list_topics())
        finally:
            admin.close()
        if missing:
            raise MissingTopics(sorted(missing))

    _ensure()


class MissingTopics(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser(description="Create the CRM's Kafka topics")
    parser.add_argument("command", choices=["create", "list"])
    args = parser.parse_args()
    bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
    logging.basicConfig(level="INFO")
    if args.command == "list":
        for topic in all_topics():
            print(f"{topic.name}\t{topic.partitions}")
        return
    await_topics(bootstrap, create=True)
    print(f"topics: all {len(all_topics())} present on {bootstrap}")


if __name__ == "__main__":
    main()
