"""A comment under a ticket: what an agent noted while working it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from crm_platform.validation import Violations

BODY_MAX = 10_000


@dataclass(frozen=True, kw_only=True)
class Comment:
    id: str
    ticket_id: str
    author_id: str
    body: str
    created_at: datetime


def write_comment(ticket_id: str, body: str, *, author_id: str, now: datetime) -> Comment:
    v = Violations()
    text = v.text("body", body, required=True, max_length=BODY_MAX)
    v.raise_if_any("comment")
    return Comment(
        id=str(uuid.uuid4()), ticket_id=ticket_id, author_id=author_id, body=text, created_at=now
    )
