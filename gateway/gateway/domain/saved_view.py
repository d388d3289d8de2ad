"""A saved view: a list page's filters, sort and columns that a user keeps under a name, to
reopen the list as it was (each user's own; one name once per kind)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from gateway.domain.bulk_job import ACTIONS

KINDS = tuple(ACTIONS)  # the kinds with a list page
MAX_VIEWS = 50  # per user and kind


@dataclass(frozen=True)
class SavedView:
    id: str
    user_id: str
    kind: str
    name: str
    filters: dict[str, str]
    sort: str
    columns: list[str]
    created_at: datetime
