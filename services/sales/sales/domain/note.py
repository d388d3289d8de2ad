"""A note on a lead, customer, contact or deal: who wrote what and when, and whether edited."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime

from crm_platform.errors import InvalidArgument, PermissionDenied
from crm_platform.request_context import Identity
from crm_platform.validation import Violations

SUBJECTS = ("lead", "customer", "contact", "deal")
BODY_MAX = 10_000


@dataclass(kw_only=True)
class Note:
    id: str
    subject: str
    subject_id: str
    body: str
    author_id: str
    edited: bool = False
    created_at: datetime
    updated_at: datetime


def check_subject(subject: str) -> None:
    if subject not in SUBJECTS:
        raise InvalidArgument.field("subject", f"must be one of: {', '.join(SUBJECTS)}")


def _body(text: str) -> str:
    v = Violations()
    body = v.text("body", text, required=True, max_length=BODY_MAX)
    v.raise_if_any("note")
    return body


def new_note(subject: str, subject_id: str, body: str, *, author_id: str, now: datetime) -> Note:
    check_subject(subject)
    return Note(
        id=str(uuid.uuid4()),
        subject=subject,
        subject_id=subject_id,
        body=_body(body),
        author_id=author_id,
        created_at=now,
        updated_at=now,
    )


def check_author(note: Note, identity: Identity) -> None:
    """A note is its author's words: only they, or a manager or admin, change or delete it."""
    if note.author_id != identity.user_id and not identity.has_any("admin", "manager"):
        raise PermissionDenied(f"note {note.id} was written by someone else")


def edit_note(note: Note, body: str, *, identity: Identity, now: datetime) -> Note:
    check_author(note, identity)
    return replace(note, body=_body(body), edited=True, updated_at=now)


def copy_note(note: Note, subject: str, subject_id: str) -> Note:
    """The same words, author and time on another record (a conversion carries notes over)."""
    return replace(note, id=str(uuid.uuid4()), subject=subject, subject_id=subject_id)
