"""A marketing campaign: what it is, when it runs, and what it may and did cost."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from crm_platform.validation import Violations
from marketing.domain.commands import CreateCampaign

# The `campaign_types` of the data dictionary.
TYPES = ("conference", "trade_show", "webinar", "email", "advertisement", "partner", "other")
STATUSES = ("planned", "active", "completed", "aborted")
NAME_MAX = 200
DESCRIPTION_MAX = 10_000
OWNER_ID_MAX = 64
# A campaign with no money on it still shows a currency in forms and exports.
DEFAULT_CURRENCY = "USD"
_CURRENCY = re.compile(r"[A-Z]{3}")


@dataclass(kw_only=True)
class Campaign:
    id: str
    name: str
    type: str
    status: str
    owner_id: str
    start_date: date | None
    end_date: date | None
    budget: Decimal | None
    actual_cost: Decimal | None
    currency: str
    description: str
    created_at: datetime
    updated_at: datetime


def plan_campaign(command: CreateCampaign, *, now: datetime) -> Campaign:
    """A new campaign from `command`; InvalidArgument naming every bad field at once."""
    v = Violations()
    start_date = v.date("start_date", command.start_date)
    end_date = v.date("end_date", command.end_date)
    if start_date and end_date and end_date < start_date:
        v.add("end_date", "must be on or after start_date")
    budget = v.money("budget", command.budget)
    actual_cost = v.money("actual_cost", command.actual_cost)
    campaign = Campaign(
        id=str(uuid.uuid4()),
        name=v.text("name", command.name, required=True, max_length=NAME_MAX),
        type=v.choice("type", command.type, TYPES),
        status=v.choice("status", command.status or "planned", STATUSES),
        owner_id=v.text("owner_id", command.owner_id, required=True, max_length=OWNER_ID_MAX),
        start_date=start_date,
        end_date=end_date,
        budget=budget,
        actual_cost=actual_cost,
        currency=_currency(v, command),
        description=v.text("description", command.description, max_length=DESCRIPTION_MAX),
        created_at=now,
        updated_at=now,
    )
    v.raise_if_any("campaign")
    return campaign


def _currency(v: Violations, command: CreateCampaign) -> str:
    currency = command.currency.strip()
    if not currency:
        if command.budget.strip() or command.actual_cost.strip():
            v.add("currency", "is required when a budget or actual cost is given")
        return DEFAULT_CURRENCY
    if not _CURRENCY.fullmatch(currency):
        v.add("currency", "must be an ISO 4217 code of 3 capital letters, such as EUR")
    return currency
