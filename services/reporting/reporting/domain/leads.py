"""What reporting knows of one lead, from `sales.lead-created` and `sales.lead-converted`.

Conversion can be consumed before creation (two topics); the conversion's source, owner and
campaigns are the later truth, so creation only fills them while no conversion is known.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime


@dataclass(frozen=True)
class LeadObserved:
    lead_id: str
    source: str
    owner_id: str
    campaign_ids: tuple[str, ...]
    created_at: datetime | None = None  # set by lead-created
    converted_at: datetime | None = None  # set by lead-converted


@dataclass(frozen=True)
class LeadFact:
    lead_id: str
    source: str
    owner_id: str
    campaign_ids: tuple[str, ...]
    created_at: datetime | None
    converted_at: datetime | None

    @property
    def converted(self) -> bool:
        return self.converted_at is not None


def apply_lead(fact: LeadFact | None, event: LeadObserved) -> LeadFact:
    if fact is None:
        return LeadFact(
            event.lead_id,
            event.source,
            event.owner_id,
            tuple(event.campaign_ids),
            event.created_at,
            event.converted_at,
        )
    merged = replace(
        fact,
        created_at=fact.created_at or event.created_at,
        converted_at=fact.converted_at or event.converted_at,
    )
    if event.converted_at is not None or fact.converted_at is None:
        merged = replace(
            merged,
            source=event.source,
            owner_id=event.owner_id,
            campaign_ids=tuple(event.campaign_ids),
        )
    return merged
