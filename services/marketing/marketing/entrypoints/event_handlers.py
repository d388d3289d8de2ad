"""`crm-marketing consume`: sales' lead events, turned into per-campaign counts.

Batch handlers: the consumer hands each its new events of a polled batch at once, so that a
backlog of lead events costs one UPDATE per campaign per batch, not one per event.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from crm.events.v1 import envelope_pb2
from crm_platform import topics
from crm_platform.consumer import Handler, batch_handler
from crm_platform.envelope import unpack
from marketing.service.attribution import count_conversions, count_leads

LEAD_CREATED = topics.LEAD_CREATED.name
LEAD_CONVERTED = topics.LEAD_CONVERTED.name


def on_leads_created(session: Session, envelopes: list[envelope_pb2.Envelope]) -> None:
    count_leads(session, [unpack(e, topics.LEAD_CREATED.message).campaign_ids for e in envelopes])


def on_leads_converted(session: Session, envelopes: list[envelope_pb2.Envelope]) -> None:
    count_conversions(
        session, [unpack(e, topics.LEAD_CONVERTED.message).campaign_ids for e in envelopes]
    )


on_lead_created = batch_handler(on_leads_created)
on_lead_converted = batch_handler(on_leads_converted)


def event_handlers(_settings) -> Mapping[str, Handler]:
    return {LEAD_CREATED: on_lead_created, LEAD_CONVERTED: on_lead_converted}
