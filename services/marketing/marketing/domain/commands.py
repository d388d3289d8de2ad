"""What callers ask marketing to do, with the values as they sent them (text, not yet parsed)."""

from __future__ import annotations

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
