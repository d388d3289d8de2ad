"""Reporting consumes every event topic; each event is folded into its read model and counted
in the topic's progress (which gives every report its `as_of`).

The consumer hands over a polled batch at once (`apply_events`): a replay or a catch-up folds
thousands of events with a few statements; its one-at-a-time fallback hands over batches of one.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from crm.events.v1 import envelope_pb2
from crm_platform.consumer import Handler, batch_handler
from crm_platform.envelope import occurred_at
from crm_platform.topics import EVENT_TOPICS
from reporting.entrypoints.event_translation import translate
from reporting.service.fold_batch import fold_batch, record_batch


def apply_events(session: Session, envelopes: list[envelope_pb2.Envelope]) -> None:
    """New events (the consumer has dropped duplicates) in order, folded together."""
    observations = [o for envelope in envelopes for o in translate(envelope)]
    fold_batch(session, observations)
    record_batch(session, [(e.event_type, occurred_at(e)) for e in envelopes])


def event_handlers(_settings) -> Mapping[str, Handler]:
    # One batch handler for every topic: the consumer calls it once per polled batch.
    handler = batch_handler(apply_events)
    return {topic.name: handler for topic in EVENT_TOPICS}
