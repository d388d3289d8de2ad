"""What reporting knows of one lead, from `sales.lead-created`, `sales.lead-converted`,
`sales.lead-changed` and `sales.lead-deleted`.

The topics are consumed independently, so a lead's events arrive in any order and more than
once. Each event carries the lead's source, owner and campaigns as they were at its time; the
newest by time is the truth (a conversion is later than the creation and the edits before it,
and a converted lead is read-only). The creation and conversion times are set once. A deletion
is a tombstone that no other event clears: a late older event cannot bring the lead back.
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
    changed_at: datetime | None = None  # set by lead-changed

    @property
    def at(self) -> datetime | None:
        """When the lead had the source, owner and campaigns this event tells."""
        return self.converted_at or self.changed_at or self.created_at


@dataclass(frozen=True)
class LeadGone:
    """`sales.lead-deleted`."""

    lead_id: str
    at: datetime


@dataclass(frozen=True)
class LeadFact:
    lead_id: str
    source: str
    owner_id: str
    campaign_ids: tuple[str, ...]
    created_at: datetime | None
    converted_at: datetime | None
    changed_at: datetime | None = None  # the time of the source, owner and campaigns shown
    deleted_at: datetime | None = None

    @property
    def converted(self) -> bool:
        return self.converted_at is not None

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None


def apply_lead(fact: LeadFact | None, event: LeadObserved) -> LeadFact:
    if fact is None:
        return LeadFact(
            event.lead_id,
            event.source,
            event.owner_id,
            tuple(event.campaign_ids),
            event.created_at,
            event.converted_at,
            event.at,
        )
    merged = replace(
        fact,
        created_at=fact.created_at or event.created_at,
        converted_at=fact.converted_at or event.converted_at,
    )
    if _newer(event.at, fact.changed_at):
        merged = replace(
            merged,
            source=event.source,
            owner_id=event.owner_id,
            campaign_ids=tuple(event.campaign_ids),
            changed_at=event.at,
        )
    return merged


def apply_lead_deleted(fact: LeadFact | None, gone: LeadGone) -> LeadFact:
    if fact is None:  # no figures yet (changed_at None): the next event fills them in
        return LeadFact(gone.lead_id, "", "", (), None, None, None, gone.at)
    return replace(fact, deleted_at=min(fact.deleted_at or gone.at, gone.at))


def _newer(at: datetime | None, than: datetime | None) -> bool:
    """Ties go to the event at hand, as for deals; an unknown time is older than any."""
    if than is None:
        return True
    return at is not None and at >= than
