"""`crm-service-desk consume`: a won deal in `sales.deal-closed` schedules a follow-up."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC

from sqlalchemy.orm import Session

from crm.events.v1 import envelope_pb2
from crm_platform import topics
from crm_platform.consumer import Handler
from crm_platform.envelope import MalformedEvent, occurred_at, unpack
from crm_platform.errors import InvalidArgument
from service_desk.domain.follow_up_policy import ClosedDeal, FollowUpPolicy
from service_desk.service.after_sale import schedule_after_sale

DEAL_CLOSED = topics.DEAL_CLOSED.name


def closed_deal(envelope: envelope_pb2.Envelope) -> ClosedDeal:
    event = unpack(envelope, topics.DEAL_CLOSED.message)
    return ClosedDeal(
        deal_id=event.deal_id,
        won=event.won,
        owner_id=event.owner_id,
        customer_id=event.customer_id,
        contact_id=event.contact_id,
        # An event from an older producer without closed_at: when it happened will do.
        closed_at=event.closed_at.ToDatetime(tzinfo=UTC)
        if event.HasField("closed_at")
        else occurred_at(envelope),
    )


def event_handlers(settings) -> Mapping[str, Handler]:
    policy: FollowUpPolicy = settings.policies().follow_ups

    def on_deal_closed(session: Session, envelope: envelope_pb2.Envelope) -> None:
        try:
            schedule_after_sale(session, closed_deal(envelope), policy)
        except InvalidArgument as exc:
            # Retrying cannot fix a won deal without a customer: park it in the dead letters.
            raise MalformedEvent(f"cannot schedule a follow-up: {exc.message}") from exc

    return {DEAL_CLOSED: on_deal_closed}
