"""What callers ask the service desk to do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ScheduleFollowUp:
    customer_id: str
    subject: str
    due_at: datetime | None  # must carry a time zone
    contact_id: str = ""
    deal_id: str = ""
    owner_id: str = ""  # empty: the caller
    priority: str = ""  # empty: normal
