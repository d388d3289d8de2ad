"""The event topics of the CRM, declared once: each with its name, the `crm.events.v1` message
its events carry, the service that produces them and its partition count; and the command that
creates them.

Producers publish to, consumers subscribe by, and reporting dispatches on these declarations, so
a topic's name is written here only. `python -m crm_platform.topics create` is run before the
services start (make up, compose, k8s job). Topics keep their events forever so that reporting
can rebuild from the beginning.
"""

from __future__ import annotations

import argparse
import logging
import os
from dataclasses import dataclass

from google.protobuf.message import Message
from kafka.admin import NewTopic
from kafka.errors import KafkaError, TopicAlreadyExistsError
from tenacity import retry, retry_if_exception_type, stop_after_delay, wait_exponential

from crm.events.v1 import activities_events_pb2 as activities
from crm.events.v1 import marketing_events_pb2 as marketing
from crm.events.v1 import sales_events_pb2 as sales
from crm.events.v1 import service_desk_events_pb2 as desk
from crm_platform.kafka_clients import broker_answers, make_admin

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Topic:
    name: str
    partitions: int = 3
    # The payload every event on it carries, and who publishes it (the envelope's `producer`);
    # None and "" for a dead-letter topic, which holds whatever could not be read.
    message: type[Message] | None = None
    producer: str = ""


def _sales(name: str, message: type[Message]) -> Topic:
    return Topic(f"sales.{name}", message=message, producer="sales")


def _desk(name: str, message: type[Message]) -> Topic:
    return Topic(f"service-desk.{name}", message=message, producer="service-desk")


LEAD_CREATED = _sales("lead-created", sales.LeadCreated)
LEAD_CONVERTED = _sales("lead-converted", sales.LeadConverted)
DEAL_STAGE_CHANGED = _sales("deal-stage-changed", sales.DealStageChanged)
DEAL_CLOSED = _sales("deal-closed", sales.DealClosed)
DEAL_CHANGED = _sales("deal-changed", sales.DealChanged)
DEAL_DELETED = _sales("deal-deleted", sales.DealDeleted)
LEAD_CHANGED = _sales("lead-changed", sales.LeadChanged)
LEAD_DELETED = _sales("lead-deleted", sales.LeadDeleted)
CUSTOMER_CHANGED = _sales("customer-changed", sales.CustomerChanged)
CONTACT_ADDED = _sales("contact-added", sales.ContactAdded)
NOTE_ADDED = _sales("note-added", sales.NoteAdded)
CAMPAIGN_CHANGED = Topic(
    "marketing.campaign-changed", message=marketing.CampaignChanged, producer="marketing"
)
FOLLOW_UP_COMPLETED = _desk("follow-up-completed", desk.FollowUpCompleted)
FOLLOW_UP_OVERDUE = _desk("follow-up-overdue", desk.FollowUpOverdue)
TICKET_CHANGED = _desk("ticket-changed", desk.TicketChanged)
SURVEY_ANSWERED = _desk("survey-answered", desk.SurveyAnswered)
FOLLOW_UP_SCHEDULED = _desk("follow-up-scheduled", desk.FollowUpScheduled)
FOLLOW_UP_CANCELLED = _desk("follow-up-cancelled", desk.FollowUpCancelled)


def _activities(name: str, message: type[Message]) -> Topic:
    return Topic(f"activities.{name}", message=message, producer="activities")


TASK_CREATED = _activities("task-created", activities.TaskCreated)
TASK_COMPLETED = _activities("task-completed", activities.TaskCompleted)
# At reminder time, once per task and due time; then once more when it is past due.
TASK_DUE = _activities("task-due", activities.TaskDue)
TASK_OVERDUE = _activities("task-overdue", activities.TaskOverdue)
ACTIVITY_LOGGED = _activities("activity-logged", activities.ActivityLogged)

EVENT_TOPICS: tuple[Topic, ...] = (
    LEAD_CREATED,
    LEAD_CONVERTED,
    DEAL_STAGE_CHANGED,
    DEAL_CLOSED,
    DEAL_CHANGED,
    DEAL_DELETED,
    LEAD_CHANGED,
    LEAD_DELETED,
    CAMPAIGN_CHANGED,
    FOLLOW_UP_COMPLETED,
    FOLLOW_UP_OVERDUE,
    TICKET_CHANGED,
    SURVEY_ANSWERED,
    FOLLOW_UP_SCHEDULED,
    FOLLOW_UP_CANCELLED,
    CUSTOMER_CHANGED,
    CONTACT_ADDED,
    NOTE_ADDED,
    TASK_CREATED,
    TASK_COMPLETED,
    TASK_DUE,
    TASK_OVERDUE,
    ACTIVITY_LOGGED,
)
BY_NAME: dict[str, Topic] = {t.name: t for t in EVENT_TOPICS}

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
    admin = make_admin(bootstrap_servers, "crm-topics")
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
        admin = make_admin(bootstrap_servers, "crm-topics")
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
