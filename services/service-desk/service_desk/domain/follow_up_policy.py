"""When and for whom a won deal schedules its after-sale follow-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from service_desk.domain.commands import ScheduleFollowUp


@dataclass(frozen=True)
class FollowUpPolicy:
    days_after_close: int = 7
    # Empty: the deal's owner visits back; set, one service agent takes every follow-up.
    owner_id: str = ""


@dataclass(frozen=True)
class ClosedDeal:
    """What the service desk needs of a `sales.deal-closed` event."""

    deal_id: str
    won: bool
    owner_id: str
    customer_id: str
    contact_id: str
    closed_at: datetime


def follow_up_for(deal: ClosedDeal, policy: FollowUpPolicy) -> ScheduleFollowUp | None:
    """The follow-up a closed deal asks for; None for a lost one."""
    if not deal.won:
        return None
    return ScheduleFollowUp(
        customer_id=deal.customer_id,
        contact_id=deal.contact_id,
        deal_id=deal.deal_id,
        owner_id=policy.owner_id or deal.owner_id,
        subject="After-sale follow-up",
        due_at=deal.closed_at + timedelta(days=policy.days_after_close),
    )
