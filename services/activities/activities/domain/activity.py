"""A logged activity: a call, meeting or e-mail that happened, maybe about a record."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from activities.domain.bounds import minutes
from activities.domain.commands import NewActivity
from activities.domain.related import related
from crm_platform.errors import InvalidArgument
from crm_platform.validation import Violations

KINDS = ("call", "meeting", "email")
SUBJECT_MAX = 200
TEXT_MAX = 10_000
ID_MAX = 64
CONTACTS_MAX = 20
# A day-long meeting is the longest thing one logs.
DURATION_MAX = 24 * 60
EDITABLE = (
    "kind",
    "subject",
    "notes",
    "at",
    "duration_minutes",
    "outcome",
    "contact_ids",
    "related_type",
    "related_id",
)


@dataclass(kw_only=True)
class Activity:
    id: str
    kind: str
    subject: str
    notes: str
    at: datetime
    duration_minutes: int
    outcome: str
    contact_ids: tuple[str, ...]
    related_type: str | None
    related_id: str | None
    author_id: str
    created_at: datetime
    updated_at: datetime


def log(command: NewActivity, *, author_id: str, now: datetime) -> Activity:
    """A new logged activity; without `at`, it happened now."""
    command = command if command.at is not None else replace(command, at=now)
    return _validated(
        command, activity_id=str(uuid.uuid4()), author_id=author_id, created_at=now, now=now
    )


def revise(activity: Activity, changes: Mapping[str, Any], *, now: datetime) -> Activity:
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise InvalidArgument.field("update_mask", f"unknown fields: {', '.join(unknown)}")
    current = NewActivity(
        kind=activity.kind,
        subject=activity.subject,
        notes=activity.notes,
        at=activity.at,
        duration_minutes=activity.duration_minutes,
        outcome=activity.outcome,
        contact_ids=activity.contact_ids,
        related_type=activity.related_type or "",
        related_id=activity.related_id or "",
    )
    return _validated(
        replace(current, **changes),
        activity_id=activity.id,
        author_id=activity.author_id,
        created_at=activity.created_at,
        now=now,
    )


def _contacts(v: Violations, ids: tuple[str, ...]) -> tuple[str, ...]:
    cleaned = tuple(dict.fromkeys(i.strip() for i in ids if i.strip()))
    if len(cleaned) > CONTACTS_MAX:
        v.add("contact_ids", f"must name at most {CONTACTS_MAX} contacts")
    elif any(len(i) > ID_MAX for i in cleaned):
        v.add("contact_ids", f"each must be at most {ID_MAX} characters")
    return cleaned


def _validated(
    command: NewActivity, *, activity_id: str, author_id: str, created_at: datetime, now: datetime
) -> Activity:
    v = Violations()
    about = related(v, command.related_type, command.related_id)
    activity = Activity(
        id=activity_id,
        kind=v.choice("kind", command.kind, KINDS),
        subject=v.text("subject", command.subject, required=True, max_length=SUBJECT_MAX),
        notes=v.text("notes", command.notes, max_length=TEXT_MAX),
        at=v.aware("at", command.at),  # type: ignore[arg-type]
        duration_minutes=minutes(
            v, "duration_minutes", command.duration_minutes, low=0, high=DURATION_MAX
        ),
        outcome=v.text("outcome", command.outcome, max_length=TEXT_MAX),
        contact_ids=_contacts(v, tuple(command.contact_ids)),
        related_type=about.type if about else None,
        related_id=about.id if about else None,
        author_id=author_id,
        created_at=created_at,
        updated_at=now,
    )
    v.raise_if_any("activity")
    return activity
