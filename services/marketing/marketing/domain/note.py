"""A note on a campaign: who wrote it and when, and whether it was edited since."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime

from crm_platform.errors import PermissionDenied
from crm_platform.request_context import Identity
from crm_platform.validation import Violations

BODY_MAX = 10_000
# Beyond the author, those who oversee everything may correct or remove a note.
MODERATING_ROLES = ("admin", "manager")


@dataclass(kw_only=True, frozen=True)
class Note:
    id: str
    campaign_id: str
    body: str
    author_id: str
    created_at: datetime
    updated_at: datetime
    edited: bool = False


def write_note(campaign_id: str, body: str, *, author_id: str, now: datetime) -> Note:
    return Note(
        id=str(uuid.uuid4()),
        campaign_id=campaign_id,
        body=_body(body),
        author_id=author_id,
        created_at=now,
        updated_at=now,
    )


def edit_note(note: Note, body: str, *, editor: Identity, now: datetime) -> Note:
    require_may_change(note, editor)
    return replace(note, body=_body(body), updated_at=now, edited=True)


def require_may_change(note: Note, caller: Identity) -> None:
    if caller.user_id != note.author_id and not caller.has_any(*MODERATING_ROLES):
        raise PermissionDenied("only its author, a manager or an admin may change a note")


def _body(text: str) -> str:
    v = Violations()
    body = v.text("body", text, required=True, max_length=BODY_MAX)
    v.raise_if_any("note")
    return body
