"""A won deal schedules its after-sale follow-up (the consumer of `sales.deal-closed`)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from crm_platform.unit_of_work import publish_in
from service_desk.adapters.follow_up_repository import FollowUpRepository
from service_desk.domain.follow_up import schedule
from service_desk.domain.follow_up_policy import ClosedDeal, FollowUpPolicy, follow_up_for
from service_desk.service.events import FOLLOW_UP_SCHEDULED, PRODUCER, follow_up_scheduled

log = logging.getLogger(__name__)


def schedule_after_sale(session: Session, deal: ClosedDeal, policy: FollowUpPolicy) -> None:
    """Runs inside the consumer's transaction, which also records the event as processed: the
    same event twice schedules once. A deal already followed up (a second close event with
    a new id) is left alone too. Its `service-desk.follow-up-scheduled` goes into the outbox in
    that same transaction."""
    command = follow_up_for(deal, policy)
    if command is None:
        return
    follow_ups = FollowUpRepository(session)
    if follow_ups.exists_for_deal(deal.deal_id):
        log.info("deal %s already has a follow-up; not scheduling another", deal.deal_id)
        return
    follow_up = schedule(command, now=datetime.now(UTC), deal_owner_id=deal.owner_id)
    follow_ups.add(follow_up)
    publish_in(session, PRODUCER, FOLLOW_UP_SCHEDULED, follow_up.id, follow_up_scheduled(follow_up))
