"""Use cases on follow-ups."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from crm_platform.errors import NotFound
from crm_platform.request_context import current_identity
from crm_platform.unit_of_work import UnitOfWork
from service_desk.adapters.follow_up_repository import FollowUpRepository
from service_desk.domain.commands import ScheduleFollowUp
from service_desk.domain.follow_up import FollowUp, schedule


def schedule_follow_up(uow: UnitOfWork, command: ScheduleFollowUp) -> FollowUp:
    owner_id = command.owner_id or current_identity().user_id
    # Validated before the transaction opens: a refused follow-up never takes the write lock.
    follow_up = schedule(replace(command, owner_id=owner_id), now=datetime.now(UTC))
    with uow:
        FollowUpRepository(uow.session).add(follow_up)
        uow.commit()
    return follow_up


def get_follow_up(uow: UnitOfWork, follow_up_id: str) -> FollowUp:
    with uow:
        follow_up = FollowUpRepository(uow.session).get(follow_up_id)
    if follow_up is None:
        raise NotFound(f"follow-up {follow_up_id} not found")
    return follow_up
