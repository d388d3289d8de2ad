"""Use cases on follow-ups."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from crm_platform.errors import NotFound
from crm_platform.paging import Page
from crm_platform.request_context import current_identity
from crm_platform.unit_of_work import UnitOfWork
from crm_platform.versions import check_version
from service_desk.adapters.follow_up_repository import FollowUpRepository
from service_desk.adapters.survey_repository import SurveyRepository
from service_desk.domain import access
from service_desk.domain import follow_up as rules
from service_desk.domain.commands import FollowUpFilter, ScheduleFollowUp, UpdateFollowUp
from service_desk.domain.follow_up import FollowUp
from service_desk.domain.listing import follow_up_criteria
from service_desk.domain.survey import SurveyPolicy, issue_survey
from service_desk.service.customers import (
    CustomerDirectory,
    check_change,
    check_new,
    require_contact_of_customer,
)
from service_desk.service.events import (
    FOLLOW_UP_CANCELLED,
    FOLLOW_UP_COMPLETED,
    FOLLOW_UP_SCHEDULED,
    follow_up_cancelled,
    follow_up_completed,
    follow_up_scheduled,
)


def schedule_follow_up(
    uow: UnitOfWork, command: ScheduleFollowUp, *, customers: CustomerDirectory
) -> FollowUp:
    caller = current_identity()
    access.require_desk_to_create(caller, "follow-ups")
    owner_id = command.owner_id or caller.user_id
    # Validated, and its customer and contact checked with sales, before the transaction
    # opens: a refused follow-up never takes the write lock.
    follow_up = rules.schedule(replace(command, owner_id=owner_id), now=_now())
    check_new(customers, follow_up.customer_id, follow_up.contact_id or "")
    with uow:
        FollowUpRepository(uow.session).add(follow_up)
        uow.publish(FOLLOW_UP_SCHEDULED, follow_up.id, follow_up_scheduled(follow_up))
        uow.commit()
    return follow_up


def get_follow_up(uow: UnitOfWork, follow_up_id: str) -> FollowUp:
    with uow.read_only():
        return _visible(FollowUpRepository(uow.session), follow_up_id)


def update_follow_up(
    uow: UnitOfWork, command: UpdateFollowUp, *, customers: CustomerDirectory
) -> FollowUp:
    access.require_caller(current_identity())
    # Sales is asked before the transaction opens; only the comparison with the stored
    # follow-up waits for it.
    checked = check_change(customers, command.changes)
    with uow:
        follow_ups = FollowUpRepository(uow.session)
        current = _visible(follow_ups, command.follow_up_id, change=True)
        check_version("follow-up", current, command.expected_version)
        revised = rules.revise(current, command.changes, now=_now())
        require_contact_of_customer(
            checked,
            customer_before=current.customer_id,
            customer_after=revised.customer_id,
            contact_after=revised.contact_id,
        )
        follow_ups.update(revised, action="rescheduled")
        # Rescheduled: reporting counts it due at its new time, for its new owner. A new
        # subject or priority alone changes nothing it counts.
        if (revised.due_at, revised.owner_id) != (current.due_at, current.owner_id):
            uow.publish(FOLLOW_UP_SCHEDULED, revised.id, follow_up_scheduled(revised))
        uow.commit()
    return revised


def list_follow_ups(
    uow: UnitOfWork, given: FollowUpFilter, *, page_size: int = 0, page_token: str = ""
) -> Page:
    scope = access.follow_up_scope(current_identity())
    criteria = follow_up_criteria(given, visible_to=scope)
    if scope == "":
        return Page([], None, 0)
    with uow.read_only():
        return FollowUpRepository(uow.session).page(
            criteria, now=_now(), size=page_size, token=page_token
        )


def complete_follow_up(
    uow: UnitOfWork, follow_up_id: str, outcome: str, *, surveys: SurveyPolicy
) -> FollowUp:
    """Done, with its outcome; the customer is then asked how it went."""
    now = _now()
    with uow:
        follow_ups = FollowUpRepository(uow.session)
        done = rules.complete(_visible(follow_ups, follow_up_id, change=True), outcome, now=now)
        follow_ups.update(done, action="completed")
        survey = issue_survey(
            customer_id=done.customer_id,
            contact_id=done.contact_id,
            follow_up_id=done.id,
            policy=surveys,
            now=now,
        )
        SurveyRepository(uow.session).add(survey)
        uow.publish(FOLLOW_UP_COMPLETED, done.id, follow_up_completed(done))
        uow.commit()
    return done


def cancel_follow_up(uow: UnitOfWork, follow_up_id: str) -> FollowUp:
    with uow:
        follow_ups = FollowUpRepository(uow.session)
        cancelled = rules.cancel(_visible(follow_ups, follow_up_id, change=True), now=_now())
        follow_ups.update(cancelled, action="cancelled")
        uow.publish(FOLLOW_UP_CANCELLED, cancelled.id, follow_up_cancelled(cancelled))
        uow.commit()
    return cancelled


def _visible(follow_ups: FollowUpRepository, follow_up_id: str, *, change: bool = False):
    caller = current_identity()
    access.require_caller(caller)
    follow_up = follow_ups.get(follow_up_id, for_update=change)
    if follow_up is None:
        raise NotFound(f"follow-up {follow_up_id} not found")
    access.check_follow_up(caller, follow_up, change=change)
    return follow_up


def _now() -> datetime:
    return datetime.now(UTC)
