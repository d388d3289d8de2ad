"""`crm-marketing consume`: sales' lead events, turned into per-campaign counts."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from crm.events.v1 import envelope_pb2, sales_events_pb2
from crm_platform.consumer import Handler
from crm_platform.envelope import unpack
from marketing.service.attribution import count_conversion, count_lead

LEAD_CREATED = "sales.lead-created"
LEAD_CONVERTED = "sales.lead-converted"


def on_lead_created(session: Session, envelope: envelope_pb2.Envelope) -> None:
    count_lead(session, unpack(envelope, sales_events_pb2.LeadCreated).campaign_ids)


def on_lead_converted(session: Session, envelope: envelope_pb2.Envelope) -> None:
    count_conversion(session, unpack(envelope, sales_events_pb2.LeadConverted).campaign_ids)


def event_handlers(_settings) -> Mapping[str, Handler]:
    return {LEAD_CREATED: on_lead_created, LEAD_CONVERTED: on_lead_converted}
