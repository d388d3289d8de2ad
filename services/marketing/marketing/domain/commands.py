"""What callers ask marketing to do, with the values as they sent them (text, not yet parsed)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class CreateCampaign:
    name: str
    type: str
    status: str = ""  # empty: planned
    owner_id: str = ""  # empty: the caller
    start_date: str = ""  # ISO date
    end_date: str = ""
    budget: str = ""  # decimal text, "12500.00"
    actual_cost: str = ""
    currency: str = ""  # required with a budget or a cost
    description: str = ""


@dataclass(frozen=True)
class UpdateCampaign:
    """Change only the fields in `changes` (name → text as sent; empty text clears)."""

    campaign_id: str
    changes: Mapping[str, str]
    expected_version: int = 0  # the version read; 0: not said, not checked


@dataclass(frozen=True)
class CampaignFilter:
    """Which campaigns a list or an export covers; empty values do not filter."""

    q: str = ""  # part of the name, any case
    owner_id: str = ""
    status: str = ""
    start_after: str = ""  # ISO date, inclusive
    start_before: str = ""
    created_from: str = ""  # ISO dates (UTC days), inclusive
    created_to: str = ""
    sort: str = ""  # a list's order (an export keeps its own)


@dataclass(frozen=True)
class AddNote:
    campaign_id: str
    body: str


@dataclass(frozen=True)
class EditNote:
    campaign_id: str
    note_id: str
    body: str
