"""Reporting consumes every event topic; each event is folded into its read model and counted
in the topic's progress (which gives every report its `as_of`)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from crm.events.v1 import envelope_pb2
from crm_platform.consumer import Handler
from crm_platform.envelope import occurred_at
from crm_platform.topics import EVENT_TOPICS
from reporting.entrypoints.event_translation import TRANSLATIONS
from reporting.service.apply import fold_event
from reporting.service.progress import record_event


def apply_event(session: Session, envelope: envelope_pb2.Envelope) -> None:
    translate = TRANSLATIONS.get(envelope.event_type)
    # A topic without a read model yet still advances as_of: the report saw the event.
    if translate is not None:
        fold_event(session, translate(envelope))
    record_event(session, envelope.event_type, occurred_at(envelope))


def event_handlers(_settings) -> Mapping[str, Handler]:
    return {topic.name: apply_event for topic in EVENT_TOPICS}
