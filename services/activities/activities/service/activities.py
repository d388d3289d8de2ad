"""Use cases on logged activities (calls, meetings, e-mails)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from activities.adapters.activity_repository import ActivityRepository
from activities.adapters.unit_of_work import ActivitiesUnitOfWork
from activities.domain import access
from activities.domain import activity as rules
from activities.domain.activity import Activity
from activities.domain.commands import ActivityFilter, NewActivity
from activities.service.events import ACTIVITY_LOGGED, activity_logged
from activities.service.records import (
    RecordDirectory,
    list_scope,
    require_contacts,
    require_visible,
    sees,
)
from crm_platform.errors import NotFound, PermissionDenied
from crm_platform.paging import Page
from crm_platform.request_context import current_identity


def log_activity(
    uow: ActivitiesUnitOfWork, command: NewActivity, *, records: RecordDirectory
) -> Activity:
    caller = current_identity()
    access.require_caller(caller)
    activity = rules.log(command, author_id=caller.user_id, now=_now())
    require_visible(records, activity.related_type, activity.related_id)
    require_contacts(records, activity.contact_ids)
    with uow:
        uow.activities.add(activity)
        uow.publish(ACTIVITY_LOGGED, activity.id, activity_logged(activity))
        uow.commit()
    return activity


def get_activity(
    uow: ActivitiesUnitOfWork, activity_id: str, *, records: RecordDirectory
) -> Activity:
    with uow.read_only():
        activity = _load(uow.activities, activity_id)
    access.require_caller(current_identity())
    visible = sees(
        records,
        people=(activity.author_id,),
        related_type=activity.related_type,
        related_id=activity.related_id,
    )
    if not visible:
        raise NotFound(f"activity {activity_id} not found")
    return activity


def update_activity(
    uow: ActivitiesUnitOfWork,
    activity_id: str,
    changes: Mapping[str, Any],
    *,
    records: RecordDirectory,
) -> Activity:
    stored = get_activity(uow, activity_id, records=records)
    preview = rules.revise(stored, changes, now=_now())
    if (preview.related_type, preview.related_id) != (stored.related_type, stored.related_id):
        require_visible(records, preview.related_type, preview.related_id)
    require_contacts(records, tuple(set(preview.contact_ids) - set(stored.contact_ids)))
    with uow:
        activities = uow.activities
        current = _changeable(activities, activity_id)
        revised = rules.revise(current, changes, now=_now())
        activities.update(revised)
        uow.commit()
    return revised


def delete_activity(
    uow: ActivitiesUnitOfWork, activity_id: str, *, records: RecordDirectory
) -> None:
    get_activity(uow, activity_id, records=records)
    with uow:
        activities = uow.activities
        activities.delete(_changeable(activities, activity_id))
        uow.commit()


def list_activities(
    uow: ActivitiesUnitOfWork,
    given: ActivityFilter,
    *,
    records: RecordDirectory,
    page_size: int = 0,
    page_token: str = "",
) -> Page:
    scope = list_scope(records, given.related_type, given.related_id)
    with uow.read_only():
        return uow.activities.page(given, scope, size=page_size, token=page_token)


def _changeable(activities: ActivityRepository, activity_id: str) -> Activity:
    """The stored activity, locked, if the caller may change it: its author or a manager."""
    activity = _load(activities, activity_id, for_update=True)
    if not access.may_change(current_identity(), people=(activity.author_id,)):
        raise PermissionDenied(f"activity {activity_id} was logged by someone else")
    return activity


def _load(
    activities: ActivityRepository, activity_id: str, *, for_update: bool = False
) -> Activity:
    activity = activities.get(activity_id, for_update=for_update)
    if activity is None:
        raise NotFound(f"activity {activity_id} not found")
    return activity


def _now() -> datetime:
    return datetime.now(UTC)
