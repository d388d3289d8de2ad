"""Reporting consumes every event topic; each event advances the read models."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from crm.events.v1 import envelope_pb2
from crm_platform.consumer import Handler
from crm_platform.envelope import occurred_at
from crm_platform.topics import EVENT_TOPICS
from reporting.service.progress import record_event


def apply_event(session: Session, envelope: envelope_pb2.Envelope) -> None:
    record_event(session, envelope.event_type, occurred_at(envelope))


def event_handlers(_settings) -> Mapping[str, Handler]:
    return {topic.name: apply_event for topic in EVENT_TOPICS}
