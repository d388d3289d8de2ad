"""`crm-activities consume`: a lead or deal deleted in sales cancels its open tasks."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from activities.service.record_removal import cancel_open_tasks
from crm.events.v1 import envelope_pb2
from crm_platform import topics
from crm_platform.audit.actor import acting_as_system
from crm_platform.consumer import Handler
from crm_platform.envelope import unpack

# The audit log's actor for these cancellations: no user asked for them.
CONSUMER_ACTOR = "activities-consumer"


def event_handlers(_settings) -> Mapping[str, Handler]:
    def on_lead_deleted(session: Session, envelope: envelope_pb2.Envelope) -> None:
        event = unpack(envelope, topics.LEAD_DELETED.message)
        with acting_as_system(CONSUMER_ACTOR):
            cancel_open_tasks(session, "lead", event.lead_id, datetime.now(UTC))

    def on_deal_deleted(session: Session, envelope: envelope_pb2.Envelope) -> None:
        event = unpack(envelope, topics.DEAL_DELETED.message)
        with acting_as_system(CONSUMER_ACTOR):
            cancel_open_tasks(session, "deal", event.deal_id, datetime.now(UTC))

    return {topics.LEAD_DELETED.name: on_lead_deleted, topics.DEAL_DELETED.name: on_deal_deleted}
